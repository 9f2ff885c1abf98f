import { Flex } from 'antd';
import type { ReactNode } from 'react';
import { Text, Title } from './typography';
import { useNarrowScreen } from './use-narrow-screen';

/**
 * The title row of a page: title, a line of explanation, and the page's main actions. The title
 * takes the room it needs and the actions wrap below it when both do not fit on one line, so a
 * phone never squeezes the title into one word per line.
 */
export function PageHeader({
  title,
  description,
  extra,
}: {
  title: ReactNode;
  description?: ReactNode;
  extra?: ReactNode;
}) {
  const narrow = useNarrowScreen();
  return (
    <Flex justify="space-between" align="flex-start" gap={narrow ? 8 : 16} wrap style={{ marginBottom: 16 }}>
      <div style={{ flex: '1 1 320px', minWidth: 0, overflowWrap: 'break-word' }}>
        <Title level={narrow ? 4 : 3} style={{ margin: 0 }}>
          {title}
        </Title>
        {description ? (
          <Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
            {description}
          </Text>
        ) : null}
      </div>
      {extra ? (
        <Flex gap={8} wrap style={{ flex: '0 1 auto', maxWidth: '100%' }}>
          {extra}
        </Flex>
      ) : null}
    </Flex>
  );
}

import { Alert, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** A secret shown once (temporary password, API token): large, copyable, with a warning. */
export function SecretReveal({
  label,
  secret,
  warning,
  testId,
}: {
  label: ReactNode;
  secret: string;
  warning: ReactNode;
  testId?: string;
}) {
  return (
    <Flex vertical gap={12}>
      <Alert type="warning" showIcon title={warning} />
      <div>
        <Typography.Text type="secondary">{label}</Typography.Text>
        <div
          style={{
            marginTop: 6,
            padding: '10px 14px',
            background: '#f6f8fb',
            border: '1px dashed #9fb3cf',
            borderRadius: 6,
            wordBreak: 'break-all',
          }}
        >
          <Typography.Text
            copyable={{ text: secret }}
            strong
            style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: 16 }}
            data-testid={testId}
          >
            {secret}
          </Typography.Text>
        </div>
      </div>
    </Flex>
  );
}

import { Dropdown } from 'antd';
import { type ReactElement, useState } from 'react';
import { type Language, setLanguage } from '../i18n';

const names: Record<Language, string> = { vi: 'Tiếng Việt', en: 'English' };

/**
 * The language menu around the switch's button, fetched on the first click (antd's Dropdown and
 * Menu are ~19 KB gzipped the sign-in page would otherwise download): it opens as it arrives.
 */
export function LanguageMenu({ language, children }: { language: Language; children: ReactElement }) {
  const [open, setOpen] = useState(true);
  return (
    <Dropdown
      trigger={['click']}
      open={open}
      onOpenChange={setOpen}
      menu={{
        selectable: true,
        selectedKeys: [language],
        items: (['vi', 'en'] as const).map((key) => ({ key, label: names[key], 'data-testid': `language-${key}` })),
        onClick: ({ key }) => {
          setOpen(false);
          void setLanguage(key as Language);
        },
      }}
    >
      {children}
    </Dropdown>
  );
}

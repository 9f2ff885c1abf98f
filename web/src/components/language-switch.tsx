import { DownOutlined, GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Language, setLanguage } from '../i18n';

const names: Record<Language, string> = { vi: 'Tiếng Việt', en: 'English' };

/** Tiếng Việt / English; `dark` for the top bar, `compact` (VI / EN) for a phone's. */
export function LanguageSwitch({ dark, compact }: { dark?: boolean; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'vi';
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [language],
        items: (['vi', 'en'] as const).map((key) => ({ key, label: names[key], 'data-testid': `language-${key}` })),
        onClick: ({ key }) => void setLanguage(key as Language),
      }}
    >
      <Button
        type="text"
        aria-label={t('shell.language')}
        data-testid="language-switch"
        icon={<GlobalOutlined />}
        style={{ ...(dark ? { color: 'rgba(255,255,255,0.92)' } : {}), ...(compact ? { paddingInline: 6 } : {}) }}
      >
        {compact ? language.toUpperCase() : names[language]} <DownOutlined style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}

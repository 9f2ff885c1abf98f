import { DownOutlined, GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../i18n';

const LanguageMenu = lazy(() => import('./language-menu').then((m) => ({ default: m.LanguageMenu })));

const names: Record<Language, string> = { vi: 'Tiếng Việt', en: 'English' };

/** Tiếng Việt / English; `dark` for the top bar, `compact` (VI / EN) for a phone's. */
export function LanguageSwitch({ dark, compact }: { dark?: boolean; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'vi';
  // The menu (antd's Dropdown) is fetched on the first click, and opens then.
  const [wanted, setWanted] = useState(false);
  const button = (
    <Button
      type="text"
      aria-label={t('shell.language')}
      data-testid="language-switch"
      icon={<GlobalOutlined />}
      onClick={wanted ? undefined : () => setWanted(true)}
      style={{ ...(dark ? { color: 'rgba(255,255,255,0.92)' } : {}), ...(compact ? { paddingInline: 6 } : {}) }}
    >
      {compact ? language.toUpperCase() : names[language]} <DownOutlined style={{ fontSize: 10 }} />
    </Button>
  );
  if (!wanted) return button;
  return (
    <Suspense fallback={button}>
      <LanguageMenu language={language}>{button}</LanguageMenu>
    </Suspense>
  );
}

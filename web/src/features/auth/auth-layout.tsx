import { Flex, theme } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Emblem } from '../../components/emblem';
import { LanguageSwitch } from '../../components/language-switch';
import { Text, Title } from '../../components/typography';
import { useNarrowScreen } from '../../components/use-narrow-screen';

/** The frame of the pages before the application: sign-in and the steps it may require. */
export function AuthLayout({ children, width = 440 }: { children: ReactNode; width?: number }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const narrow = useNarrowScreen();
  return (
    <Flex
      vertical
      align="center"
      style={{
        minHeight: '100vh',
        background: 'linear-gradient(180deg, #0d3a75 0, #1a5cb0 380px, #eef2f7 380px, #f3f6fa 100%)',
        padding: '24px 16px',
      }}
    >
      <Flex justify="flex-end" style={{ width: '100%', maxWidth: 1100 }}>
        <LanguageSwitch dark />
      </Flex>
      <Flex vertical align="center" gap={10} style={{ margin: '28px 0 24px', color: '#fff', textAlign: 'center' }}>
        <Emblem size={64} />
        <Title level={2} style={{ color: '#fff', margin: 0, letterSpacing: 0.5 }}>
          {t('app.name')}
        </Title>
        <Text style={{ color: 'rgba(255,255,255,0.85)' }}>{t('app.tagline')}</Text>
      </Flex>
      {/* Drawn as antd's Card (the app's Card theme: padding 24, 12 on a phone) without importing it:
          Card brings Tabs, ~13 KB gzipped the sign-in page would download for nothing. */}
      <div
        className="auth-card"
        style={{
          boxSizing: 'border-box',
          width: '100%',
          maxWidth: width,
          padding: narrow ? 12 : token.paddingLG,
          background: token.colorBgContainer,
          border: `${token.lineWidth}px ${token.lineType} ${token.colorBorderSecondary}`,
          borderRadius: token.borderRadiusLG,
          color: token.colorText,
          fontSize: token.fontSize,
          lineHeight: token.lineHeight,
          boxShadow: '0 10px 30px rgba(13, 58, 117, 0.18)',
        }}
      >
        {children}
      </div>
      <Text type="secondary" style={{ marginTop: 24, fontSize: 12, textAlign: 'center' }}>
        {t('app.footer')}
      </Text>
    </Flex>
  );
}

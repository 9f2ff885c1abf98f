import { LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Dropdown, Flex, Layout, Menu, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Emblem } from '../components/emblem';
import { LanguageSwitch } from '../components/language-switch';
import { useSignedInMe, useSignOut } from '../features/auth/session';
import { visibleNavigation } from './navigation';

const HEADER_BG = '#0f3a78';

/** The signed-in frame: top bar (product, user, language, sign out) and side navigation by permission. */
export function AppShell() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const groups = visibleNavigation(me.permissions);
  const selected = groups
    .flatMap((g) => g.entries)
    .filter((e) => location.pathname === e.path || location.pathname.startsWith(`${e.path}/`))
    .map((e) => e.path);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          background: HEADER_BG,
          display: 'flex',
          alignItems: 'center',
          gap: 16,
          paddingInline: 20,
          position: 'sticky',
          top: 0,
          zIndex: 10,
          boxShadow: '0 2px 8px rgba(0,0,0,0.15)',
        }}
      >
        <Flex
          align="center"
          gap={12}
          style={{ flex: 1, minWidth: 0, cursor: 'pointer' }}
          onClick={() => void navigate('/')}
        >
          <Emblem size={36} />
          <Flex vertical style={{ lineHeight: 1.25, minWidth: 0 }}>
            <span style={{ color: '#fff', fontWeight: 700, fontSize: 16, letterSpacing: 0.4, whiteSpace: 'nowrap' }}>
              {t('app.name').toLocaleUpperCase('vi')}
            </span>
            <span style={{ color: 'rgba(255,255,255,0.75)', fontSize: 12, whiteSpace: 'nowrap' }}>
              {t('app.shortTagline')}
            </span>
          </Flex>
        </Flex>
        <LanguageSwitch dark />
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              { key: 'account', icon: <UserOutlined />, label: t('nav.account') },
              { type: 'divider' },
              { key: 'sign-out', icon: <LogoutOutlined />, label: t('shell.signOut'), danger: true },
            ],
            onClick: ({ key }) => {
              if (key === 'account') void navigate('/account');
              if (key === 'sign-out') signOut.mutate();
            },
          }}
        >
          <Flex align="center" gap={10} style={{ cursor: 'pointer', lineHeight: 1.2 }} data-testid="user-menu">
            <Avatar style={{ background: '#ffd54f', color: HEADER_BG, fontWeight: 600 }}>
              {me.displayName.trim().split(/\s+/).pop()?.charAt(0).toUpperCase()}
            </Avatar>
            <Flex vertical style={{ maxWidth: 260 }}>
              <Typography.Text style={{ color: '#fff', fontWeight: 600 }} ellipsis data-testid="user-name">
                {me.displayName}
              </Typography.Text>
              <Typography.Text style={{ color: 'rgba(255,255,255,0.75)', fontSize: 12 }} ellipsis>
                {me.unit.name}
              </Typography.Text>
            </Flex>
          </Flex>
        </Dropdown>
        <Button
          type="text"
          icon={<LogoutOutlined />}
          onClick={() => signOut.mutate()}
          loading={signOut.isPending}
          style={{ color: 'rgba(255,255,255,0.92)' }}
          data-testid="sign-out"
        >
          {t('shell.signOut')}
        </Button>
      </Layout.Header>
      <Layout>
        <Layout.Sider
          width={236}
          theme="light"
          collapsible
          collapsed={collapsed}
          trigger={null}
          style={{ borderInlineEnd: '1px solid #e5e9f0' }}
        >
          <Flex vertical style={{ height: '100%' }}>
            <Menu
              mode="inline"
              selectedKeys={selected}
              style={{ borderInlineEnd: 'none', flex: 1, paddingTop: 8 }}
              onClick={({ key }) => void navigate(key)}
              items={groups.map((group) => ({
                type: 'group' as const,
                key: group.key,
                label: collapsed ? null : t(group.label),
                children: group.entries.map((entry) => ({ key: entry.path, icon: entry.icon, label: t(entry.label) })),
              }))}
              data-testid="side-nav"
            />
            <Button
              type="text"
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={() => setCollapsed(!collapsed)}
              style={{ margin: 8 }}
              aria-label={t('shell.toggleMenu')}
            />
          </Flex>
        </Layout.Sider>
        <Layout.Content style={{ padding: 24, minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

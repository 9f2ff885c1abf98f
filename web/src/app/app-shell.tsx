import { LogoutOutlined, MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Button, ConfigProvider, Flex, Layout } from 'antd';
// antd's Avatar styles without Avatar, which measures its text (ResizeObserver) and follows breakpoints.
import useAvatarStyle from 'antd/es/avatar/style';
import { lazy, Suspense, useContext, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Emblem } from '../components/emblem';
import { FullPageSpin } from '../components/full-page-spin';
import { LanguageSwitch } from '../components/language-switch';
import { Text } from '../components/typography';
import { useNarrowScreen } from '../components/use-narrow-screen';
import { useSignedInMe, useSignOut } from '../features/auth/session';
import { NoticeBell } from '../features/notices/notice-bell';
import { NavMenu } from './nav-menu';
import { homePath, visibleNavigation } from './navigation';
import { PageBoundary } from './page-error-boundary';

const NavDrawer = lazy(() => import('./nav-drawer').then((m) => ({ default: m.NavDrawer })));
const UserMenu = lazy(() => import('./user-menu').then((m) => ({ default: m.UserMenu })));

const HEADER_BG = '#0f3a78';

/** antd's `<Avatar>` with the user's initial: the same elements, class names and styles. */
function InitialAvatar({ initial }: { initial: string | undefined }) {
  const { getPrefixCls } = useContext(ConfigProvider.ConfigContext);
  const prefixCls = getPrefixCls('avatar');
  const rootCls = `${prefixCls}-css-var`;
  const [hashId, cssVarCls] = useAvatarStyle(prefixCls, rootCls);
  return (
    <span
      className={[prefixCls, `${prefixCls}-circle`, cssVarCls, rootCls, hashId].filter(Boolean).join(' ')}
      style={{ background: '#ffd54f', color: HEADER_BG, fontWeight: 600, flex: 'none' }}
    >
      <span className={`${prefixCls}-string`} style={{ transform: 'scale(1)' }}>
        {initial}
      </span>
    </span>
  );
}

/** `/` leads to the first page the signed-in user may see (see `homePath`). */
export function HomeRedirect() {
  const me = useSignedInMe();
  return <Navigate to={homePath(me.permissions, me.roles)} replace />;
}

/**
 * The signed-in frame: top bar (product, language, user with sign-out) and the navigation by
 * permission — a side menu on a desk, a drawer behind a menu button on a phone, where the top bar
 * keeps only the icons.
 */
export function AppShell() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const location = useLocation();
  const narrow = useNarrowScreen();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  // The phone's navigation drawer (antd's Drawer) is fetched on the first tap of the menu button.
  const [drawerWanted, setDrawerWanted] = useState(false);
  const groups = visibleNavigation(me.permissions);
  const selected = groups
    .flatMap((g) => g.entries)
    .filter((e) => location.pathname === e.path || location.pathname.startsWith(`${e.path}/`))
    .map((e) => e.path);
  const initial = me.displayName.trim().split(/\s+/).pop()?.charAt(0).toUpperCase();

  // The user menu (antd's Dropdown) is fetched on the first click of the name, and opens then.
  const [userMenuWanted, setUserMenuWanted] = useState(false);
  const userButton = (
    <Flex
      align="center"
      gap={10}
      style={{ cursor: 'pointer', lineHeight: 1.2, flex: 'none', minWidth: 0 }}
      onClick={userMenuWanted ? undefined : () => setUserMenuWanted(true)}
      data-testid="user-menu"
      aria-label={narrow ? me.displayName : undefined}
    >
      <InitialAvatar initial={initial} />
      {narrow ? null : (
        <Flex vertical style={{ maxWidth: 260, minWidth: 0 }}>
          <Text style={{ color: '#fff', fontWeight: 600 }} ellipsis data-testid="user-name">
            {me.displayName}
          </Text>
          <Text style={{ color: 'rgba(255,255,255,0.75)', fontSize: 12 }} ellipsis>
            {me.unit.name}
          </Text>
        </Flex>
      )}
    </Flex>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          background: HEADER_BG,
          display: 'flex',
          alignItems: 'center',
          gap: narrow ? 8 : 16,
          paddingInline: narrow ? 8 : 20,
          height: narrow ? 56 : undefined,
          lineHeight: 'normal',
          position: 'sticky',
          top: 0,
          zIndex: 10,
          boxShadow: '0 2px 8px rgba(0,0,0,0.15)',
        }}
      >
        {narrow ? (
          <Button
            type="text"
            icon={<MenuOutlined />}
            onClick={() => {
              setDrawerWanted(true);
              setDrawerOpen(true);
            }}
            style={{ color: '#fff', flex: 'none' }}
            aria-label={t('shell.openMenu')}
            data-testid="nav-toggle"
          />
        ) : null}
        <Flex
          align="center"
          gap={narrow ? 8 : 12}
          style={{ flex: 1, minWidth: 0, cursor: 'pointer' }}
          onClick={() => void navigate('/')}
        >
          <Emblem size={narrow ? 30 : 36} />
          <Flex vertical style={{ lineHeight: 1.25, minWidth: 0 }}>
            <span
              style={{
                color: '#fff',
                fontWeight: 700,
                fontSize: narrow ? 13 : 16,
                letterSpacing: narrow ? 0.2 : 0.4,
                // On a phone the name may take two lines, never run under the icons.
                whiteSpace: narrow ? 'normal' : 'nowrap',
                overflow: 'hidden',
              }}
              data-testid="app-title"
            >
              {t('app.name').toLocaleUpperCase('vi')}
            </span>
            {narrow ? null : (
              <span style={{ color: 'rgba(255,255,255,0.75)', fontSize: 12, whiteSpace: 'nowrap' }}>
                {t('app.shortTagline')}
              </span>
            )}
          </Flex>
        </Flex>
        <LanguageSwitch dark compact={narrow} />
        <NoticeBell compact={narrow} />
        {userMenuWanted ? (
          <Suspense fallback={userButton}>
            <UserMenu narrow={narrow} onAccount={() => void navigate('/account')} onSignOut={() => signOut.mutate()}>
              {userButton}
            </UserMenu>
          </Suspense>
        ) : (
          userButton
        )}
        {narrow ? null : (
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
        )}
      </Layout.Header>
      <Layout>
        {narrow ? (
          drawerWanted ? (
            <Suspense fallback={null}>
              <NavDrawer
                open={drawerOpen}
                onClose={() => setDrawerOpen(false)}
                groups={groups}
                selected={selected}
                onOpen={() => setDrawerOpen(false)}
              />
            </Suspense>
          ) : null
        ) : (
          <Layout.Sider
            width={236}
            theme="light"
            collapsible
            collapsed={collapsed}
            trigger={null}
            style={{ borderInlineEnd: '1px solid #e5e9f0' }}
          >
            <Flex vertical style={{ height: '100%' }}>
              <NavMenu groups={groups} selected={selected} collapsed={collapsed} testId="side-nav" />
              <Button
                type="text"
                icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
                onClick={() => setCollapsed(!collapsed)}
                style={{ margin: 8 }}
                aria-label={t('shell.toggleMenu')}
              />
            </Flex>
          </Layout.Sider>
        )}
        <Layout.Content style={{ padding: narrow ? '16px 12px' : 24, minWidth: 0 }}>
          <PageBoundary>
            <Suspense fallback={<FullPageSpin />}>
              <Outlet />
            </Suspense>
          </PageBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

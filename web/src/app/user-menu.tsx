import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Dropdown, Typography } from 'antd';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignedInMe } from '../features/auth/session';

/**
 * The user menu around the shell's name and avatar (my account, sign out; on a phone, who is
 * signed in first): fetched on the first click, antd's Dropdown is not needed before. It opens as
 * it arrives.
 */
export function UserMenu({
  narrow,
  onAccount,
  onSignOut,
  children,
}: {
  narrow: boolean;
  onAccount: () => void;
  onSignOut: () => void;
  children: ReactElement;
}) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const [open, setOpen] = useState(true);
  return (
    <Dropdown
      trigger={['click']}
      open={open}
      onOpenChange={setOpen}
      menu={{
        items: [
          ...(narrow
            ? [
                {
                  key: 'who',
                  disabled: true,
                  label: (
                    <div style={{ maxWidth: 240 }} data-testid="user-menu-who">
                      <Typography.Text strong style={{ display: 'block' }}>
                        {me.displayName}
                      </Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {me.unit.name}
                      </Typography.Text>
                    </div>
                  ),
                },
                { type: 'divider' as const },
              ]
            : []),
          { key: 'account', icon: <UserOutlined />, label: t('nav.account') },
          { type: 'divider' },
          {
            key: 'sign-out',
            icon: <LogoutOutlined />,
            label: t('shell.signOut'),
            danger: true,
            ...(narrow ? { 'data-testid': 'sign-out' } : {}),
          },
        ],
        onClick: ({ key }) => {
          setOpen(false);
          if (key === 'account') onAccount();
          if (key === 'sign-out') onSignOut();
        },
      }}
    >
      {children}
    </Dropdown>
  );
}

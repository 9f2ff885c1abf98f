import { Drawer, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { Emblem } from '../components/emblem';
import { NavMenu } from './nav-menu';
import type { NavGroup } from './navigation';

/**
 * The phone's navigation: the menu in a drawer from the left. Fetched on the first tap of the
 * shell's menu button (antd's Drawer is not needed before), it opens as it arrives.
 */
export function NavDrawer({
  open,
  onClose,
  groups,
  selected,
  onOpen,
}: {
  open: boolean;
  onClose: () => void;
  groups: NavGroup[];
  selected: string[];
  /** A link was followed: the drawer closes. */
  onOpen: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      placement="left"
      size="min(300px, 85vw)"
      title={
        <Flex align="center" gap={8}>
          <Emblem size={24} />
          <span>{t('app.name')}</span>
        </Flex>
      }
      styles={{ body: { padding: 0 } }}
      data-testid="nav-drawer"
    >
      <NavMenu groups={groups} selected={selected} onOpen={onOpen} testId="drawer-nav" />
    </Drawer>
  );
}

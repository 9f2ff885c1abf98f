import { Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NavGroup } from './navigation';

/** The navigation by permission: the shell's side menu on a desk, the drawer's on a phone. */
export function NavMenu({
  groups,
  selected,
  collapsed = false,
  onOpen,
  testId,
}: {
  groups: NavGroup[];
  selected: string[];
  collapsed?: boolean;
  onOpen: (path: string) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Menu
      mode="inline"
      selectedKeys={selected}
      style={{ borderInlineEnd: 'none', flex: 1, paddingTop: 8 }}
      onClick={({ key }) => onOpen(key)}
      items={groups.map((group) => ({
        type: 'group' as const,
        key: group.key,
        label: collapsed ? null : t(group.label),
        children: group.entries.map((entry) => ({ key: entry.path, icon: entry.icon, label: t(entry.label) })),
      }))}
      data-testid={testId}
    />
  );
}

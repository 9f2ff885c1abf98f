import { theme } from 'antd';
import type { CSSProperties, KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { NavGroup } from './navigation';
import './nav-menu.css';

/**
 * The navigation by permission: the shell's side menu on a desk, the drawer's on a phone. A plain
 * `nav` of links drawn like antd's inline Menu from the theme tokens (item height, radius, the
 * selected item's colours, hover, focus ring, group titles, the collapsed rail with larger icons):
 * antd's Menu brings rc-menu, its overflow and motion parts, ~18 KB gzipped every signed-in page
 * downloaded before it was interactive (docs/architecture.md, "What a page downloads"). Links, so
 * a middle click opens a page in a new tab; the current page is `aria-current="page"`; the arrow
 * keys, Home and End move between the links as in antd's Menu; when the rail is collapsed, the
 * labels stay for screen readers and show as the links' titles.
 */
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
  /** Called when a link is followed (the drawer closes). */
  onOpen?: (path: string) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const vars = {
    '--nav-item-height': `${token.controlHeightLG}px`,
    '--nav-item-margin-block': `${token.marginXXS}px`,
    '--nav-item-margin-inline': `${token.marginXXS}px`,
    '--nav-item-radius': `${token.borderRadiusLG}px`,
    '--nav-item-indent': `${token.paddingLG}px`,
    '--nav-item-padding-end': `${token.padding}px`,
    '--nav-icon-size': `${token.fontSize}px`,
    '--nav-icon-size-collapsed': `${token.fontSizeLG}px`,
    '--nav-icon-gap': `${token.controlHeightSM - token.fontSize}px`,
    '--nav-font-size': `${token.fontSize}px`,
    '--nav-line-height': String(token.lineHeight),
    '--nav-color': token.colorText,
    '--nav-group-color': token.colorTextDescription,
    '--nav-group-padding': `${token.paddingXS}px ${token.padding}px`,
    '--nav-hover-bg': token.colorBgTextHover,
    '--nav-active-bg': token.controlItemBgActive,
    '--nav-selected-bg': token.controlItemBgActive,
    '--nav-selected-color': token.colorPrimary,
    '--nav-focus-ring': `${token.lineWidthFocus}px solid ${token.colorPrimaryBorder}`,
    '--nav-motion': token.motionDurationMid,
    '--nav-font-family': token.fontFamily,
  } as CSSProperties;
  return (
    <nav
      className={collapsed ? 'nav-menu nav-menu-collapsed' : 'nav-menu'}
      style={vars}
      aria-label={t('shell.navigation')}
      onKeyDown={moveFocus}
      data-testid={testId}
    >
      {groups.map((group) => {
        const title = t(group.label);
        return (
          <div key={group.key} className="nav-menu-group">
            <div className="nav-menu-group-title" id={`${testId}-${group.key}`}>
              {collapsed ? null : title}
            </div>
            <ul
              aria-labelledby={collapsed ? undefined : `${testId}-${group.key}`}
              aria-label={collapsed ? title : undefined}
            >
              {group.entries.map((entry) => {
                const label = t(entry.label);
                const current = selected.includes(entry.path);
                return (
                  <li key={entry.path}>
                    <Link
                      to={entry.path}
                      className={current ? 'nav-menu-item nav-menu-item-selected' : 'nav-menu-item'}
                      aria-current={current ? 'page' : undefined}
                      title={collapsed ? label : undefined}
                      onClick={() => onOpen?.(entry.path)}
                    >
                      <span className="nav-menu-icon" aria-hidden>
                        {entry.icon}
                      </span>
                      <span className="nav-menu-label">{label}</span>
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}

/** Up and down arrows, Home and End move the focus between the menu's links. */
function moveFocus(event: KeyboardEvent<HTMLElement>) {
  const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>('a.nav-menu-item')];
  const at = links.indexOf(document.activeElement as HTMLAnchorElement);
  const to = {
    ArrowDown: Math.min(at + 1, links.length - 1),
    ArrowUp: Math.max(at - 1, 0),
    Home: 0,
    End: links.length - 1,
  }[event.key];
  if (at < 0 || to === undefined) return;
  event.preventDefault();
  links[to]?.focus();
}

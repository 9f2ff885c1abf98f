import { ConfigProvider, theme } from 'antd';
// antd's own Descriptions styles, without Descriptions: it follows every breakpoint through antd's
// responsive observer, more than a page listing a few facts needs.
import useDescriptionsStyle from 'antd/es/descriptions/style';
import { type ReactNode, useContext, useSyncExternalStore } from 'react';
import { descriptionRows } from './description-rows';

/** Columns (or an item's span) on a phone, from antd's `md` breakpoint (768 px) and from `xl` (1200 px). */
export interface Responsive {
  xs: number;
  md?: number;
  xl?: number;
}

export interface DescriptionItem {
  key: string;
  label: ReactNode;
  children: ReactNode;
  span?: Responsive;
}

function useMinWidth(px: number): boolean {
  const query = `(min-width: ${px}px)`;
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}

/**
 * antd's `<Descriptions size="small">` (not bordered, labels with a colon) with columns and spans
 * per breakpoint: the same table, class names and styles (antd's Descriptions style hook).
 */
export function SmallDescriptions({ items, column }: { items: DescriptionItem[]; column: Responsive }) {
  const { getPrefixCls } = useContext(ConfigProvider.ConfigContext);
  const { token } = theme.useToken();
  const prefixCls = getPrefixCls('descriptions');
  const [hashId, cssVarCls] = useDescriptionsStyle(prefixCls);
  const md = useMinWidth(token.screenMD);
  const xl = useMinWidth(token.screenXL);
  const pick = (value: Responsive) =>
    xl ? (value.xl ?? value.md ?? value.xs) : md ? (value.md ?? value.xs) : value.xs;
  const rows = descriptionRows(
    items.map((item) => ({ ...item, span: item.span ? pick(item.span) : 1 })),
    pick(column),
  );
  return (
    <div className={[prefixCls, `${prefixCls}-small`, hashId, cssVarCls].filter(Boolean).join(' ')}>
      <div className={`${prefixCls}-view`}>
        <table>
          <tbody>
            {rows.map((row) => (
              <tr key={row[0]?.key} className={`${prefixCls}-row`}>
                {row.map((item) => (
                  <td key={item.key} className={`${prefixCls}-item`} colSpan={item.span}>
                    <div className={`${prefixCls}-item-container`}>
                      <span className={`${prefixCls}-item-label`}>{item.label}</span>
                      <span className={`${prefixCls}-item-content`}>{item.children}</span>
                    </div>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

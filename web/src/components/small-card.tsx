import { ConfigProvider } from 'antd';
// antd's own Card styles, without the Card component: it imports Tabs (for `tabList`) and Skeleton
// (for `loading`), ~15 KB gzipped that a page drawing plain cards downloads for nothing.
import useCardStyle from 'antd/es/card/style';
import { type CSSProperties, type ReactNode, useContext } from 'react';

/**
 * antd's `<Card size="small">` (title, extra, body): the same elements and class names, styled by
 * antd's Card style from the theme (the app's Card tokens included), so it looks the same.
 * For a card with tabs, cover, actions or loading, use antd's Card.
 */
export function SmallCard({
  title,
  extra,
  className,
  style,
  children,
  'data-testid': testId,
}: {
  title?: ReactNode;
  extra?: ReactNode;
  className?: string;
  style?: CSSProperties;
  children?: ReactNode;
  'data-testid'?: string;
}) {
  const { getPrefixCls } = useContext(ConfigProvider.ConfigContext);
  const prefixCls = getPrefixCls('card');
  const [hashId, cssVarCls] = useCardStyle(prefixCls);
  const classes = [prefixCls, `${prefixCls}-bordered`, `${prefixCls}-small`, className, hashId, cssVarCls];
  return (
    <div className={classes.filter(Boolean).join(' ')} style={style} data-testid={testId}>
      {title || extra ? (
        <div className={`${prefixCls}-head`}>
          <div className={`${prefixCls}-head-wrapper`}>
            {title ? <div className={`${prefixCls}-head-title`}>{title}</div> : null}
            {extra ? <div className={`${prefixCls}-extra`}>{extra}</div> : null}
          </div>
        </div>
      ) : null}
      {children ? <div className={`${prefixCls}-body`}>{children}</div> : null}
    </div>
  );
}

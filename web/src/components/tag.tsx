import { ConfigProvider } from 'antd';
import { isPresetColor, isPresetStatusColor } from 'antd/es/_util/colors';
// antd's own Tag styles (base, preset and status colours), without its Tag: it carries the closable
// and checkable tags and the click wave, which the status tags of the report pages never use.
import useTagStyle from 'antd/es/tag/style';
import TagPresetStyle from 'antd/es/tag/style/presetCmp';
import TagStatusStyle from 'antd/es/tag/style/statusCmp';
import { type ReactNode, useContext } from 'react';

/**
 * antd's `<Tag>` (filled) in a preset colour (`red`, `gold` …) or a status colour (`success`,
 * `default` …): the same element, class names and styles. For closable, checkable, outlined or
 * custom-coloured tags, use antd's Tag.
 */
export function Tag({
  color,
  icon,
  children,
  'data-testid': testId,
}: {
  color?: string;
  icon?: ReactNode;
  children?: ReactNode;
  'data-testid'?: string;
}) {
  const { getPrefixCls, direction } = useContext(ConfigProvider.ConfigContext);
  const prefixCls = getPrefixCls('tag');
  const [hashId, cssVarCls] = useTagStyle(prefixCls);
  const preset = isPresetColor(color);
  const status = isPresetStatusColor(color);
  const classes = [
    prefixCls,
    `${prefixCls}-filled`,
    (preset || status) && `${prefixCls}-${color}`,
    direction === 'rtl' && `${prefixCls}-rtl`,
    hashId,
    cssVarCls,
  ];
  return (
    <span className={classes.filter(Boolean).join(' ')} data-testid={testId}>
      {icon ? (
        <>
          {icon}
          {children === undefined || children === null ? null : <span>{children}</span>}
        </>
      ) : (
        children
      )}
      {preset ? <TagPresetStyle prefixCls={prefixCls} /> : null}
      {status ? <TagStatusStyle prefixCls={prefixCls} /> : null}
    </span>
  );
}

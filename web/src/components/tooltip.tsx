import RcTooltip from '@rc-component/tooltip';
import { ConfigProvider, theme } from 'antd';
import getPlacements from 'antd/es/_util/placements';
// antd's own Tooltip styles (and its zoom motion), without antd's Tooltip component: it isolates
// its content from Form and Space.Compact (importing all of rc-form and its validator) and parses
// custom colours with the colour picker's code, which pages on the way to report entry never use.
import useTooltipStyle from 'antd/es/tooltip/style';
import { cloneElement, isValidElement, type ReactElement, type ReactNode, useContext, useMemo, useState } from 'react';

/**
 * antd's `<Tooltip>` for what the app's pages on the entry path use of it: a title shown on hover
 * (none when the title is empty), above the element by default, antd's delays. The same popup
 * (rc-tooltip, which antd's Tooltip wraps, in ConfigProvider's shared tooltip container), class
 * names, placements, arrow, motion and styles. For colours, other triggers or a controlled `open`,
 * use antd's Tooltip.
 */
export function Tooltip({
  title,
  placement = 'top',
  mouseEnterDelay = 0.1,
  mouseLeaveDelay = 0.1,
  children,
}: {
  title?: ReactNode;
  placement?: 'top' | 'bottom' | 'left' | 'right' | 'topLeft' | 'topRight' | 'bottomLeft' | 'bottomRight';
  /** Seconds. */
  mouseEnterDelay?: number;
  mouseLeaveDelay?: number;
  children: ReactNode;
}) {
  const { getPrefixCls, direction } = useContext(ConfigProvider.ConfigContext);
  const { token } = theme.useToken();
  const prefixCls = getPrefixCls('tooltip');
  const rootCls = `${prefixCls}-css-var`;
  const [hashId, cssVarCls] = useTooltipStyle(prefixCls, rootCls);
  const [open, setOpen] = useState(false);
  const noTitle = !title && title !== 0;
  const placements = useMemo(
    () =>
      getPlacements({
        arrowPointAtCenter: false,
        autoAdjustOverflow: true,
        arrowWidth: token.sizePopupArrow,
        borderRadius: token.borderRadius,
        offset: token.marginXXS,
        visibleFirst: true,
      }),
    [token.sizePopupArrow, token.borderRadius, token.marginXXS],
  );
  const themeCls = [rootCls, hashId, cssVarCls].filter(Boolean).join(' ');
  const shown = open && !noTitle;
  const child: ReactElement<{ className?: string }> = isValidElement<{ className?: string }>(children) ? (
    children
  ) : (
    <span>{children}</span>
  );
  return (
    <RcTooltip
      unique
      showArrow
      placement={placement}
      mouseEnterDelay={mouseEnterDelay}
      mouseLeaveDelay={mouseLeaveDelay}
      prefixCls={prefixCls}
      classNames={{
        root: [direction === 'rtl' && `${prefixCls}-rtl`, themeCls].filter(Boolean).join(' '),
        uniqueContainer: themeCls,
      }}
      overlay={title}
      visible={shown}
      onVisibleChange={(next) => setOpen(noTitle ? false : next)}
      arrowContent={<span className={`${prefixCls}-arrow-content`} />}
      motion={{ motionName: `${getPrefixCls()}-zoom-big-fast`, motionDeadline: 1000 }}
      trigger="hover"
      builtinPlacements={placements}
    >
      {shown
        ? cloneElement(child, { className: [child.props.className, `${prefixCls}-open`].filter(Boolean).join(' ') })
        : child}
    </RcTooltip>
  );
}

import { CheckOutlined, CopyOutlined } from '@ant-design/icons';
import { ConfigProvider } from 'antd';
// antd's own Typography styles, without its components: Typography.Text, Title and Paragraph all
// import the editable (TextArea), copy (Tooltip, copy-to-clipboard) and measured-ellipsis parts,
// which every page on the way to report entry downloaded to colour a line of text.
import useTypographyStyle from 'antd/es/typography/style';
import { type CSSProperties, createElement, type ReactNode, type Ref, useContext, useEffect, useState } from 'react';

type TextType = 'secondary' | 'success' | 'warning' | 'danger';

interface TypographyProps {
  type?: TextType;
  strong?: boolean;
  italic?: boolean;
  code?: boolean;
  className?: string;
  style?: CSSProperties;
  title?: string;
  id?: string;
  children?: ReactNode;
  ref?: Ref<HTMLElement>;
  'data-testid'?: string;
}

/** antd's class names for the element, and its Typography styles injected once. */
function useTypographyClasses(type: TextType | undefined) {
  const { getPrefixCls } = useContext(ConfigProvider.ConfigContext);
  const prefixCls = getPrefixCls('typography');
  const [hashId, cssVarCls] = useTypographyStyle(prefixCls);
  /** The element's classes: antd's, a modifier (`ellipsis` → `ant-typography-ellipsis`), the caller's. */
  const names = (className: string | undefined, ...modifiers: (string | false | undefined)[]) =>
    [
      prefixCls,
      type && `${prefixCls}-${type}`,
      ...modifiers.map((modifier) => modifier && `${prefixCls}-${modifier}`),
      className,
      hashId,
      cssVarCls,
    ]
      .filter(Boolean)
      .join(' ');
  return { prefixCls, names };
}

/** `strong`, `code` and `italic` wrap the content as antd's Typography does (strong innermost). */
function decorate({ strong, code, italic }: TypographyProps, content: ReactNode): ReactNode {
  let node = content;
  if (strong) node = <strong>{node}</strong>;
  if (code) node = <code>{node}</code>;
  if (italic) node = <i>{node}</i>;
  return node;
}

/** Copies to the clipboard, by the Clipboard API where the page may use it (HTTPS or localhost). */
async function copyToClipboard(text: string): Promise<void> {
  if (window.isSecureContext && navigator.clipboard) return navigator.clipboard.writeText(text);
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  document.execCommand('copy');
  area.remove();
}

/** antd's copy button of a `copyable` text: the same element and classes, a title for its tooltip. */
function CopyButton({ prefixCls, text }: { prefixCls: string; text: string }) {
  const { locale } = useContext(ConfigProvider.ConfigContext);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 3000);
    return () => clearTimeout(timer);
  }, [copied]);
  const label = (copied ? locale?.Text?.copied : locale?.Text?.copy) ?? '';
  return (
    <button
      type="button"
      className={copied ? `${prefixCls}-copy ${prefixCls}-copy-success` : `${prefixCls}-copy`}
      aria-label={label}
      title={label}
      onClick={(event) => {
        event.preventDefault();
        event.stopPropagation();
        void copyToClipboard(text).then(() => setCopied(true));
      }}
    >
      {copied ? <CheckOutlined /> : <CopyOutlined />}
    </button>
  );
}

/**
 * antd's `Typography.Text` for what the app uses of it: a type colour, `strong`, `code`, `italic`,
 * a one-line CSS `ellipsis` and `copyable` (a string). The same element, class names and styles.
 */
export function Text({ ellipsis, copyable, ...props }: TypographyProps & { ellipsis?: boolean; copyable?: boolean }) {
  const { type, className, style, title, id, children, ref } = props;
  const { prefixCls, names } = useTypographyClasses(type);
  const copy = copyable && typeof children === 'string' ? <CopyButton prefixCls={prefixCls} text={children} /> : null;
  return (
    <span
      ref={ref}
      id={id}
      className={names(className, ellipsis && 'ellipsis', ellipsis && 'ellipsis-single-line')}
      style={style}
      title={title}
      data-testid={props['data-testid']}
    >
      {decorate(
        props,
        <>
          {children}
          {copy}
        </>,
      )}
    </span>
  );
}

/** antd's `Typography.Title`: `h1`–`h5` with the theme's heading sizes. */
export function Title({ level = 1, ...props }: TypographyProps & { level?: 1 | 2 | 3 | 4 | 5 }) {
  const { names } = useTypographyClasses(props.type);
  return createElement(
    `h${level}`,
    {
      ref: props.ref,
      id: props.id,
      className: names(props.className),
      style: props.style,
      title: props.title,
      'data-testid': props['data-testid'],
    },
    decorate(props, props.children),
  );
}

/** antd's `Typography.Paragraph` (a `div` with a bottom margin of 1em). */
export function Paragraph(props: TypographyProps) {
  const { names } = useTypographyClasses(props.type);
  return createElement(
    'div',
    {
      ref: props.ref,
      id: props.id,
      className: names(props.className),
      style: props.style,
      title: props.title,
      'data-testid': props['data-testid'],
    },
    decorate(props, props.children),
  );
}

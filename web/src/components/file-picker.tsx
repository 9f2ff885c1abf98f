import { cloneElement, type ReactElement, useRef } from 'react';

/**
 * A button that opens the file chooser, for one file: what antd's `Upload` with
 * `showUploadList={false}` does, without its upload list, progress bars and request code
 * (~15 KB gzipped on the report entry page). The input stays in the DOM, so tests (and
 * assistive tools) can set files on it; the same file may be chosen again.
 */
export function FilePicker({
  accept,
  disabled,
  onPick,
  children,
}: {
  accept: string;
  disabled?: boolean;
  onPick: (file: File) => void;
  /** The button; a click on it (or Enter, Space) opens the chooser. */
  children: ReactElement<{ onClick?: () => void }>;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        accept={accept}
        disabled={disabled}
        style={{ display: 'none' }}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) onPick(file);
        }}
      />
      {cloneElement(children, {
        onClick: () => {
          if (!disabled) input.current?.click();
        },
      })}
    </>
  );
}

import { Alert, Button, Flex, Modal, Typography } from 'antd';
import type { ReactNode } from 'react';

/** A secret shown once (temporary password, API token): large, copyable, with a warning. */
export function SecretReveal({
  label,
  secret,
  warning,
  testId,
}: {
  label: ReactNode;
  secret: string;
  warning: ReactNode;
  testId?: string;
}) {
  return (
    <Flex vertical gap={12}>
      <Alert type="warning" showIcon title={warning} />
      <div>
        <Typography.Text type="secondary">{label}</Typography.Text>
        <div
          style={{
            marginTop: 6,
            padding: '10px 14px',
            background: '#f6f8fb',
            border: '1px dashed #9fb3cf',
            borderRadius: 6,
            wordBreak: 'break-all',
          }}
        >
          <Typography.Text
            copyable={{ text: secret }}
            strong
            style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: 16 }}
            data-testid={testId}
          >
            {secret}
          </Typography.Text>
        </div>
      </div>
    </Flex>
  );
}

/**
 * A dialog that shows a just-made secret once (an API token, a webhook's signing secret): it
 * closes only by the button that says the secret is saved, never by a click beside it or Esc.
 * `children` stand above the secret (e.g. the address it belongs to).
 */
export function SecretOnceModal({
  open,
  title,
  doneLabel,
  onDone,
  doneTestId,
  children,
  ...reveal
}: {
  open: boolean;
  title: ReactNode;
  doneLabel: ReactNode;
  onDone: () => void;
  doneTestId?: string;
  children?: ReactNode;
  label: ReactNode;
  /** Null while closed. */
  secret: string | null;
  warning: ReactNode;
  testId?: string;
}) {
  return (
    <Modal
      open={open}
      title={title}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      width={640}
      footer={
        <Button type="primary" onClick={onDone} data-testid={doneTestId}>
          {doneLabel}
        </Button>
      }
    >
      {reveal.secret !== null ? (
        <Flex vertical gap={12}>
          {children}
          <SecretReveal {...reveal} secret={reveal.secret} />
        </Flex>
      ) : null}
    </Modal>
  );
}

/**
 * A real SMTP server started in-process (smtp-server), for the e-mail tests: it keeps every
 * accepted message, decoded (UTF-8 subject and body), and can refuse the next messages with a
 * temporary error or be stopped to play an SMTP server that is down.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { MailConfig } from '../src/config';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  /** The Message-ID header (benchmarks count a message accepted twice). */
  messageId: string;
  /** When the server accepted it (epoch ms). */
  acceptedAt: number;
}

export interface TestSmtpServer {
  port: number;
  received: ReceivedMail[];
  /** Refuses the next `count` messages with 451 (a temporary failure). */
  refuseNext(count: number): void;
  /** Answers each message after `ms` (a busy server; 0: at once). */
  slowDown(ms: number): void;
  /** How many messages were refused so far. */
  refused: number;
  mailConfig(overrides?: Partial<MailConfig>): MailConfig;
  stop(): Promise<void>;
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`) of a header. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
      encoding.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

function parse(raw: string, to: string[]): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1] ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? Buffer.from(
            body
              .replace(/=\r\n/g, '')
              .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ).toString('utf8')
        : body;
  return {
    to,
    subject: decodeHeader(header('Subject')),
    text: text.replace(/\r\n/g, '\n').trimEnd(),
    messageId: header('Message-ID'),
    acceptedAt: Date.now(),
  };
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  let refuse = 0;
  let delayMs = 0;
  const state = { refused: 0 };
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
        if (refuse > 0) {
          refuse -= 1;
          state.refused += 1;
          const error = Object.assign(new Error('Thử lại sau (temporary failure)'), { responseCode: 451 });
          callback(error);
          return;
        }
        received.push(
          parse(
            Buffer.concat(chunks).toString('utf8'),
            session.envelope.rcptTo.map((r) => r.address),
          ),
        );
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    refuseNext(count) {
      refuse = count;
    },
    slowDown(ms) {
      delayMs = ms;
    },
    get refused() {
      return state.refused;
    },
    mailConfig: (overrides = {}) => ({
      transport: { host: '127.0.0.1', port, secure: false },
      from: 'Hệ thống báo cáo <baocao@example.gov.vn>',
      publicUrl: 'https://baocao.example.gov.vn',
      maxAttempts: 5,
      retryBaseMs: 50,
      maxConnections: 5,
      maxMessages: 100,
      ...overrides,
    }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

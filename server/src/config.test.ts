import { describe, expect, it } from 'vitest';
import { readImportConfig, readMailConfig, readRetentionConfig, readSignInConfig } from './config';

describe('sign-in settings', () => {
  it('refuses settings that could not work, naming the variable', () => {
    const base = { OIDC_ISSUER: 'https://sso.example.gov.vn', OIDC_CLIENT_ID: 'baocao' };
    expect(() => readSignInConfig({ BAOCAO_PASSWORD_SIGN_IN: 'off' })).toThrow(/OIDC_ISSUER/);
    expect(() => readSignInConfig(base)).toThrow(/OIDC_REDIRECT_URL is required/);
    expect(() => readSignInConfig({ ...base, OIDC_REDIRECT_URL: 'http://baocao.example.gov.vn/cb' })).toThrow(
      /OIDC_REDIRECT_URL must be an https:\/\/ URL/,
    );
    expect(() =>
      readSignInConfig({ ...base, OIDC_REDIRECT_URL: 'https://b.example/cb', OIDC_CREATE_ACCOUNTS: 'yes' }),
    ).toThrow(/OIDC_CREATE_ACCOUNTS must be on or off/);
    expect(readSignInConfig({ ...base, OIDC_REDIRECT_URL: 'https://b.example/cb' }).oidc).toMatchObject({
      matchClaim: 'preferred_username',
      label: 'sso.example.gov.vn',
      createAccounts: false,
      accountUnitCode: 'CP',
      clientSecret: undefined,
    });
  });
});

describe('retention settings', () => {
  it('defaults to 30 days, 24 hours and 24 months, takes whole numbers and refuses anything else', () => {
    expect(readRetentionConfig({})).toEqual({ sessionDays: 30, idempotencyHours: 24, unlockRequestMonths: 24 });
    expect(
      readRetentionConfig({
        BAOCAO_RETAIN_SESSIONS_DAYS: '7',
        BAOCAO_RETAIN_IDEMPOTENCY_HOURS: '48',
        BAOCAO_RETAIN_UNLOCK_REQUESTS_MONTHS: '60',
      }),
    ).toEqual({ sessionDays: 7, idempotencyHours: 48, unlockRequestMonths: 60 });
    for (const bad of ['0', '-1', '1.5', 'ba mươi', '30d'])
      expect(() => readRetentionConfig({ BAOCAO_RETAIN_SESSIONS_DAYS: bad })).toThrow(/BAOCAO_RETAIN_SESSIONS_DAYS/);
  });
});

describe('SMTP settings', () => {
  it('are off without SMTP_URL or SMTP_HOST', () => {
    expect(readMailConfig({})).toBeNull();
  });

  it('refuse a malformed setting, naming the variable', () => {
    const from = { SMTP_FROM: 'Hệ thống báo cáo <baocao@example.gov.vn>' };
    expect(() => readMailConfig({ SMTP_URL: 'không phải địa chỉ', ...from })).toThrow(/^SMTP_URL is not a URL/);
    expect(() => readMailConfig({ SMTP_URL: 'https://mail.example.gov.vn', ...from })).toThrow(
      /^SMTP_URL must start with smtp:\/\//,
    );
    expect(() => readMailConfig({ SMTP_HOST: 'mail.example.gov.vn' })).toThrow(/^SMTP_FROM is required/);
    expect(() => readMailConfig({ SMTP_HOST: 'mail.example.gov.vn', SMTP_FROM: 'baocao' })).toThrow(
      /^SMTP_FROM is not an e-mail address/,
    );
    expect(() => readMailConfig({ SMTP_HOST: 'mail example', ...from })).toThrow(/^SMTP_HOST is not a host name/);
    expect(() => readMailConfig({ SMTP_HOST: 'mail.example.gov.vn', SMTP_PORT: '70000', ...from })).toThrow(
      /^SMTP_PORT must be a whole number from 1 to 65535/,
    );
    expect(() => readMailConfig({ SMTP_HOST: 'mail.example.gov.vn', SMTP_USER: 'baocao', ...from })).toThrow(
      /^SMTP_USER and SMTP_PASS go together/,
    );
    expect(() => readMailConfig({ SMTP_HOST: 'mail.example.gov.vn', SMTP_SECURE: 'có', ...from })).toThrow(
      /^SMTP_SECURE must be on or off/,
    );
    expect(() => readMailConfig({ SMTP_URL: 'smtp://mail.example.gov.vn', SMTP_RETRY_SECONDS: '0', ...from })).toThrow(
      /^SMTP_RETRY_SECONDS must be a whole number/,
    );
  });

  it('refuse a malformed pool setting, naming the variable', () => {
    const base = { SMTP_URL: 'smtp://mail.example.gov.vn', SMTP_FROM: 'baocao@example.gov.vn' };
    for (const value of ['0', '51', 'năm', '2.5', '-1'])
      expect(() => readMailConfig({ ...base, SMTP_MAX_CONNECTIONS: value })).toThrow(
        new RegExp(`^SMTP_MAX_CONNECTIONS must be a whole number from 1 to 50, not ${value}$`),
      );
    for (const value of ['0', '100001', 'một trăm', '1e3x'])
      expect(() => readMailConfig({ ...base, SMTP_MAX_MESSAGES: value })).toThrow(
        /^SMTP_MAX_MESSAGES must be a whole number from 1 to 100000/,
      );
    expect(readMailConfig({ ...base, SMTP_MAX_CONNECTIONS: '12', SMTP_MAX_MESSAGES: '500' })).toMatchObject({
      maxConnections: 12,
      maxMessages: 500,
    });
  });

  it('read host, port and account, or a URL, with the sender and the public address', () => {
    expect(
      readMailConfig({
        SMTP_HOST: 'mail.example.gov.vn',
        SMTP_PORT: '465',
        SMTP_USER: 'baocao',
        SMTP_PASS: 'bí mật',
        SMTP_FROM: 'baocao@example.gov.vn',
        BAOCAO_PUBLIC_URL: 'https://baocao.example.gov.vn/',
      }),
    ).toEqual({
      transport: { host: 'mail.example.gov.vn', port: 465, secure: true, auth: { user: 'baocao', pass: 'bí mật' } },
      from: 'baocao@example.gov.vn',
      publicUrl: 'https://baocao.example.gov.vn',
      maxAttempts: 8,
      retryBaseMs: 60_000,
      maxConnections: 5,
      maxMessages: 100,
    });
    expect(readMailConfig({ SMTP_URL: 'smtp://u:p@mail.example.gov.vn:587', SMTP_FROM: 'a@b.vn' })?.transport).toEqual({
      url: 'smtp://u:p@mail.example.gov.vn:587',
    });
  });
});

describe('import settings', () => {
  it('bounds the imports answered at once, from 1 to 16, 4 when unset', () => {
    expect(readImportConfig({}).concurrent).toBe(4);
    expect(readImportConfig({ BAOCAO_IMPORT_CONCURRENCY: '2' }).concurrent).toBe(2);
    for (const value of ['0', '17', '2.5', 'bốn'])
      expect(() => readImportConfig({ BAOCAO_IMPORT_CONCURRENCY: value })).toThrow(
        /^BAOCAO_IMPORT_CONCURRENCY must be a whole number from 1 to 16/,
      );
  });
});

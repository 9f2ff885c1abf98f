import { describe, expect, it } from 'vitest';
import { readRetentionConfig, readSignInConfig } from './config';

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

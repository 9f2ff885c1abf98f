import { describe, expect, it } from 'vitest';
import { readSignInConfig } from './config';

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

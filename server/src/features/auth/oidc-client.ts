/**
 * The relying party's side of the authorization code flow, through `openid-client`:
 * discovery (once, retried after a failure), the authorization URL with PKCE
 * (S256), state and nonce, and the callback's checks — state, issuer, the code
 * exchanged with the verifier, the ID token's signature, audience, nonce and
 * expiry — then the person's claims (the ID token's, completed by userinfo).
 *
 * Every failure becomes a catalogue error; the library's own error stays as the
 * `cause`, for the log.
 */
import { DomainError } from '@baocao/domain';
import * as oidc from 'openid-client';
import type { OidcConfig } from '../../config';

const SCOPE = 'openid profile email';
const TIMEOUT_SECONDS = 10;

/** The checks one sign-in carries from its start to its callback. */
export interface SignInChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** A person as the provider identifies them. */
export interface ProviderIdentity {
  subject: string;
  claims: Record<string, unknown>;
}

export interface OidcProviderClient {
  /** The issuer identifier, as the provider states it (the key of linked identities). */
  readonly issuer: string;
  /** New checks and the provider's authorization URL that carries them. */
  startSignIn(): Promise<{ checks: SignInChecks; url: URL }>;
  /** Checks the callback against the sign-in's checks and returns who signed in. */
  completeSignIn(callbackUrl: URL, checks: SignInChecks): Promise<ProviderIdentity>;
}

function failure(code: 'OIDC_FAILED' | 'OIDC_UNAVAILABLE', cause: unknown): DomainError {
  return Object.assign(new DomainError(code), { cause });
}

/** A network failure (or a timeout) rather than a refusal by the provider or a failed check. */
function unreachable(error: unknown): boolean {
  return (
    error instanceof TypeError ||
    (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) ||
    (error instanceof oidc.ResponseBodyError && error.status >= 500)
  );
}

export function createOidcProviderClient(config: OidcConfig): OidcProviderClient {
  let discovered: Promise<oidc.Configuration> | null = null;
  const configuration = (): Promise<oidc.Configuration> => {
    discovered ??= oidc
      .discovery(
        config.issuer,
        config.clientId,
        { redirect_uris: [config.redirectUrl.href], response_types: ['code'] },
        config.clientSecret ? oidc.ClientSecretBasic(config.clientSecret) : oidc.None(),
        {
          timeout: TIMEOUT_SECONDS,
          // http:// only reaches this far for a provider on this machine (config.ts refuses others).
          execute: config.issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
        },
      )
      .catch((error: unknown) => {
        discovered = null;
        throw failure('OIDC_UNAVAILABLE', error);
      });
    return discovered;
  };

  return {
    get issuer() {
      return config.issuer.href.replace(/\/$/, '');
    },

    async startSignIn() {
      const server = await configuration();
      const checks: SignInChecks = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        codeVerifier: oidc.randomPKCECodeVerifier(),
      };
      const url = oidc.buildAuthorizationUrl(server, {
        redirect_uri: config.redirectUrl.href,
        scope: SCOPE,
        state: checks.state,
        nonce: checks.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { checks, url };
    },

    async completeSignIn(callbackUrl, checks) {
      const server = await configuration();
      try {
        const tokens = await oidc.authorizationCodeGrant(server, callbackUrl, {
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          pkceCodeVerifier: checks.codeVerifier,
          idTokenExpected: true,
        });
        const idToken = tokens.claims();
        if (!idToken) throw new Error('no ID token');
        // Providers put the profile claims in the ID token or only behind userinfo (oidc-provider's
        // default); the ID token's own claims win where both have one.
        const userinfo = server.serverMetadata().userinfo_endpoint
          ? await oidc.fetchUserInfo(server, tokens.access_token, idToken.sub)
          : {};
        return { subject: idToken.sub, claims: { ...userinfo, ...idToken } };
      } catch (error) {
        throw failure(unreachable(error) ? 'OIDC_UNAVAILABLE' : 'OIDC_FAILED', error);
      }
    },
  };
}

/**
 * Sign-in with the government's identity provider (OpenID Connect), beside or
 * instead of local passwords.
 *
 * Who is who: a person at the provider is its issuer and the subject it gives
 * them. The first sign-in links that identity to one account (user_identities),
 * found by the configured claim — `email` against the accounts' e-mail
 * addresses (only when the provider says it verified the address), any other
 * claim against user names; `BAOCAO_ADMIN_IDENTITY` names the person who
 * becomes the first administrator. Later sign-ins follow the link, whatever
 * the claim then says. A person without an account gets one when the
 * installation allows it: no password, no role, placed at the configured unit,
 * so it may do nothing until an administrator of that unit moves it to its unit
 * and grants roles (every account belongs to a unit: users.unit_id is required).
 *
 * The session is the same as a password sign-in's (cookie, CSRF token, expiry,
 * the account's second factor), marked `oidc` so that password expiry does not
 * apply to it. Every sign-in, link, creation and refusal of a known person is
 * audited; a refusal is kept although the request fails.
 */
import { randomBytes } from 'node:crypto';
import { DomainError, type ErrorCode, foldForSearch } from '@baocao/domain';
import type { OidcConfig, SignInConfig } from '../../config';
import type { Db, Tx } from '../../db/database';
import { sha256 } from '../../http/auth';
import type { RequestContext } from '../../http/context';
import { appendAudit } from '../audit/audit.queries';
import { type AuditChange, auditEntryOf, recordAudit } from '../audit/audit.service';
import { readSecuritySettings } from '../settings/settings.service';
import type { ClientInfo, NewSession } from './auth.service';
import {
  deleteExpiredSignInRequests,
  findAccountsByClaim,
  findCurrentUnitByCode,
  findFirstAdministrator,
  findIdentityOf,
  findLinkedAccount,
  insertAccount,
  insertIdentity,
  insertOidcSession,
  insertSignInRequest,
  isUsernameTaken,
  setLastSignIn,
  takeSignInRequest,
  touchIdentity,
} from './oidc.queries';
import type { OidcProviderClient, ProviderIdentity } from './oidc-client';

/** How long a started sign-in waits for the person at the provider. */
const REQUEST_MINUTES = 10;
/** The user name rule of the users table. */
const USERNAME = /^[a-z0-9][a-z0-9._@-]{2,63}$/;

/** The identity provider of an installation: its settings and the client that talks to it. */
export interface OidcSignIn {
  config: OidcConfig;
  provider: OidcProviderClient;
}

/** What the sign-in page offers: passwords (unless turned off) and the provider's button. */
export function signInMethods(settings: SignInConfig) {
  return { password: settings.password, oidc: settings.oidc ? { label: settings.oidc.label } : null };
}

export interface StartedSignIn {
  /** The secret that ties the sign-in to this browser (a cookie); only its hash is stored. */
  browserToken: string;
  expiresAt: Date;
  /** The provider's authorization page to send the browser to. */
  url: URL;
}

/** Starts the authorization code flow: new state, nonce and PKCE verifier, kept for the callback. */
export async function startOidcSignIn(db: Db, signIn: OidcSignIn): Promise<StartedSignIn> {
  const { checks, url } = await signIn.provider.startSignIn();
  const browserToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + REQUEST_MINUTES * 60_000);
  await db.transaction().execute(async (tx) => {
    await deleteExpiredSignInRequests(tx);
    await insertSignInRequest(tx, { browserHash: sha256(browserToken), ...checks, expiresAt });
  });
  return { browserToken, expiresAt, url };
}

interface Account {
  id: number;
  username: string;
  kind: string;
  disabledAt: Date | null;
  totpEnabled: boolean;
  unitId: number;
}

type Accepted = { account: Account; changes: AuditChange[] };
type Refused = { refused: ErrorCode; account: Account | null; reason: string };
type Resolution = Accepted | Refused;

/** Why an account found for the identity may still not sign in. */
function refusalOf(resolved: Resolution): Refused | null {
  if ('refused' in resolved) return resolved;
  const { account } = resolved;
  if (account.disabledAt) return { refused: 'ACCOUNT_DISABLED', account, reason: 'account_disabled' };
  // Service accounts call with API tokens, never sign in (they are never matched; this guards a link).
  if (account.kind !== 'person') return { refused: 'OIDC_ACCOUNT_CONFLICT', account, reason: 'service_account' };
  return null;
}

/** The claim that matches accounts, as the account side compares it (lower case); null when unusable. */
function claimValueOf(config: OidcConfig, claims: Record<string, unknown>): string | null {
  const value = claims[config.matchClaim];
  if (typeof value !== 'string') return null;
  const trimmed = value.trim().toLowerCase();
  if (!trimmed || trimmed.length > 254) return null;
  // An address the provider has not verified could be anyone's.
  if (config.matchClaim === 'email' && claims.email_verified !== true) return null;
  return trimmed;
}

function displayNameOf(claims: Record<string, unknown>, fallback: string): string {
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const name =
    text(claims.name) || [text(claims.family_name), text(claims.given_name)].filter(Boolean).join(' ') || fallback;
  return name.normalize('NFC').slice(0, 200);
}

function verifiedEmailOf(claims: Record<string, unknown>): string | null {
  const email = claims.email;
  return typeof email === 'string' && claims.email_verified === true && email.length <= 254 ? email.trim() : null;
}

/** Finds (or creates) the account of a provider's identity; nothing is written for a refusal. */
async function resolveAccount(
  tx: Tx,
  signIn: OidcSignIn,
  identity: ProviderIdentity,
  claimValue: string,
): Promise<Resolution> {
  const { config, provider } = signIn;
  const link = { provider: provider.issuer, subject: identity.subject, claimValue };
  const linked = await findLinkedAccount(tx, link.provider, link.subject);
  if (linked) {
    await touchIdentity(tx, link.provider, link.subject, claimValue);
    return { account: linked, changes: [] };
  }
  const linkTo = async (account: Account): Promise<Resolution> => {
    const other = await findIdentityOf(tx, link.provider, account.id);
    if (other) return { refused: 'OIDC_ACCOUNT_CONFLICT', account, reason: 'linked_to_another_identity' };
    await insertIdentity(tx, { ...link, userId: account.id });
    return {
      account,
      changes: [
        {
          action: 'user.identity_link',
          objectType: 'user',
          objectId: account.id,
          unitId: account.unitId,
          after: { provider: link.provider, subject: link.subject, claim: config.matchClaim, value: claimValue },
        },
      ],
    };
  };

  if (config.adminIdentity === claimValue) {
    const admin = await findFirstAdministrator(tx);
    if (admin && !(await findIdentityOf(tx, link.provider, admin.id))) return linkTo(admin);
  }
  const matches = await findAccountsByClaim(tx, config.matchClaim === 'email' ? 'email' : 'username', claimValue);
  if (matches.length > 1) return { refused: 'OIDC_ACCOUNT_CONFLICT', account: null, reason: 'several_accounts_match' };
  if (matches[0]) return linkTo(matches[0]);

  if (!config.createAccounts) return { refused: 'OIDC_ACCOUNT_UNKNOWN', account: null, reason: 'no_account_matches' };
  if (!USERNAME.test(claimValue))
    return { refused: 'OIDC_CLAIM_INVALID', account: null, reason: 'claim_is_not_a_user_name' };
  if (await isUsernameTaken(tx, claimValue))
    return { refused: 'OIDC_ACCOUNT_CONFLICT', account: null, reason: 'user_name_taken' };
  const unit = await findCurrentUnitByCode(tx, config.accountUnitCode);
  if (!unit) throw new Error(`OIDC_ACCOUNT_UNIT: no unit in force has the code ${config.accountUnitCode}`);
  const displayName = displayNameOf(identity.claims, claimValue);
  const email = verifiedEmailOf(identity.claims);
  const id = await insertAccount(tx, {
    username: claimValue,
    displayName,
    email,
    searchText: foldForSearch(`${claimValue} ${displayName} ${email ?? ''}`),
    unitId: unit.id,
  });
  const created: Account = {
    id,
    username: claimValue,
    kind: 'person',
    disabledAt: null,
    totpEnabled: false,
    unitId: unit.id,
  };
  const linking = await linkTo(created);
  if ('refused' in linking) throw new Error('a new account cannot have an identity already');
  return {
    account: created,
    changes: [
      {
        action: 'user.create',
        objectType: 'user',
        objectId: id,
        unitId: unit.id,
        after: { username: claimValue, displayName, email, unitId: unit.id, roles: [], via: 'oidc' },
      },
      ...linking.changes,
    ],
  };
}

/** The audit's view of a sign-in by (or refused to) a known account, before any session exists. */
function accountContext(account: Account, client: ClientInfo): RequestContext {
  return {
    actor: {
      userId: account.id,
      username: account.username,
      displayName: account.username,
      unitId: account.unitId,
      roles: [],
      permissions: new Set(),
      captureRoots: [],
      viewRoots: [],
      isSystemAdmin: false,
      via: 'session',
      sessionHash: null,
      tokenId: null,
    },
    ...client,
  };
}

/**
 * Completes the sign-in at the callback: the browser's started request (used up
 * here, whatever happens next), the provider's answer checked against it, then
 * the account and a session. Throws a catalogue error when the person may not
 * sign in; no session exists then.
 */
export async function completeOidcSignIn(
  db: Db,
  signIn: OidcSignIn,
  callback: { browserToken: string | undefined; url: URL },
  client: ClientInfo,
): Promise<NewSession> {
  const request = callback.browserToken ? await takeSignInRequest(db, sha256(callback.browserToken)) : undefined;
  // No request: this browser started no sign-in, or it expired, or the callback is being replayed.
  if (!request) throw new DomainError('OIDC_FAILED');
  const identity = await signIn.provider.completeSignIn(callback.url, request);
  const claimValue = claimValueOf(signIn.config, identity.claims);
  if (!claimValue) throw new DomainError('OIDC_CLAIM_INVALID');
  const settings = await readSecuritySettings(db);

  const outcome = await db.transaction().execute(async (tx): Promise<NewSession | { refused: ErrorCode }> => {
    const resolved = await resolveAccount(tx, signIn, identity, claimValue);
    const refusal = refusalOf(resolved);
    if (refusal) {
      // A link just made stays, audited: a disabled account is still that person's.
      const made = 'changes' in resolved ? resolved.changes : [];
      await auditRefusal(tx, signIn, identity, claimValue, refusal, made, client);
      return { refused: refusal.refused };
    }
    const { account, changes } = resolved as Accepted;
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(Date.now() + settings.sessionHours * 3_600_000);
    await insertOidcSession(tx, {
      tokenHash: sha256(token),
      userId: account.id,
      csrfToken,
      secondFactorPending: account.totpEnabled,
      ip: client.ip,
      userAgent: client.userAgent,
      expiresAt,
    });
    if (!account.totpEnabled) await setLastSignIn(tx, account.id);
    await recordAudit(tx, accountContext(account, client), [
      ...changes,
      {
        action: 'auth.login',
        objectType: 'user',
        objectId: account.id,
        unitId: null,
        after: { via: 'oidc', provider: signIn.provider.issuer },
      },
    ]);
    return { token, csrfToken, expiresAt, secondFactorPending: account.totpEnabled };
  });
  if ('refused' in outcome) throw new DomainError(outcome.refused);
  return outcome;
}

async function auditRefusal(
  tx: Tx,
  signIn: OidcSignIn,
  identity: ProviderIdentity,
  claimValue: string,
  refusal: Refused,
  made: AuditChange[],
  client: ClientInfo,
): Promise<void> {
  const after = {
    via: 'oidc',
    provider: signIn.provider.issuer,
    subject: identity.subject,
    claim: signIn.config.matchClaim,
    value: claimValue,
    reason: refusal.reason,
  };
  if (refusal.account) {
    await recordAudit(tx, accountContext(refusal.account, client), [
      ...made,
      { action: 'auth.login_refused', objectType: 'user', objectId: refusal.account.id, unitId: null, after },
    ]);
    return;
  }
  // Nobody's account: the entry names the identity, with the address it came from.
  const entry = auditEntryOf(null, {
    action: 'auth.login_refused',
    objectType: 'identity',
    objectId: identity.subject,
    unitId: null,
    after,
  });
  await appendAudit(tx, [{ ...entry, ip: client.ip, userAgent: client.userAgent, requestId: client.requestId }]);
}

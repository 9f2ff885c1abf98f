import { type Kysely, sql } from 'kysely';

// Sign-in with an OpenID Connect identity provider (features/auth/oidc.*):
// - user_identities links a person at a provider (its issuer and the subject it
//   gives them, which never changes) to one account; an account has at most one
//   identity per provider.
// - oidc_sign_in_requests keeps what a started sign-in must find again at the
//   callback (state, nonce, PKCE verifier), under the hash of a cookie of the
//   browser that started it; a request is used once and lives minutes.
// - sessions.method tells how a session was opened: password expiry does not
//   apply to a session the identity provider opened.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE user_identities (
      provider text NOT NULL CHECK (length(provider) BETWEEN 1 AND 500),
      subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      claim_value text CHECK (length(claim_value) <= 254),
      created_at timestamptz NOT NULL DEFAULT now(),
      last_sign_in_at timestamptz,
      PRIMARY KEY (provider, subject),
      UNIQUE (provider, user_id)
    );
    CREATE INDEX user_identities_user ON user_identities (user_id);

    CREATE TABLE oidc_sign_in_requests (
      browser_hash text PRIMARY KEY CHECK (length(browser_hash) = 64),
      state text NOT NULL CHECK (length(state) BETWEEN 32 AND 128),
      nonce text NOT NULL CHECK (length(nonce) BETWEEN 32 AND 128),
      code_verifier text NOT NULL CHECK (length(code_verifier) BETWEEN 43 AND 128),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX oidc_sign_in_requests_expiry ON oidc_sign_in_requests (expires_at);

    ALTER TABLE sessions ADD COLUMN method text NOT NULL DEFAULT 'password' CHECK (method IN ('password', 'oidc'));
  `.execute(db);
}

import { Type } from '@sinclair/typebox';
import { Text } from './common';

/** How one may sign in to this installation: what the sign-in page offers. */
export const SignInMethods = Type.Object(
  {
    /** Local passwords (`POST /auth/login`); an installation may turn them off. */
    password: Type.Boolean(),
    /** The identity provider's button, when one is configured: `GET /auth/oidc/start` starts it. */
    oidc: Type.Union([
      Type.Object({ label: Type.String({ maxLength: 100 }) }, { additionalProperties: false }),
      Type.Null(),
    ]),
  },
  { additionalProperties: false },
);

/**
 * What an identity provider sends back to the callback (RFC 6749 §4.1.2, RFC 9207's `iss`, and
 * the `session_state` of OpenID Connect session management): either a code or an error.
 */
export const OidcCallbackQuery = Type.Object(
  {
    code: Type.Optional(Text(2048, 1)),
    state: Type.Optional(Text(512, 1)),
    iss: Type.Optional(Text(500, 1)),
    session_state: Type.Optional(Text(512, 1)),
    error: Type.Optional(Text(200, 1)),
    error_description: Type.Optional(Text(1000)),
    error_uri: Type.Optional(Text(1000)),
  },
  { additionalProperties: false },
);

/** A browser redirect: no body, the `Location` header says where. */
export const Redirect = Type.Null({ description: 'A redirect (302); the Location header gives the next address.' });

// The redirect parameters live in a module without schemas, so the sign-in page does not load TypeBox.
export { SIGN_IN_ERROR_PARAM, SIGN_IN_REQUEST_ID_PARAM } from './sign-in-params';

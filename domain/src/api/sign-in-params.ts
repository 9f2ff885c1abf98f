/**
 * Where a sign-in that ends in the browser reports its refusal: the web app's address with these
 * parameters (an error code of the catalogue and the request id), since a redirect carries no body.
 */
export const SIGN_IN_ERROR_PARAM = 'signInError';
export const SIGN_IN_REQUEST_ID_PARAM = 'requestId';

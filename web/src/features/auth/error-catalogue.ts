// The error catalogue (every code's message in both languages, ~12 KB gzipped) is needed on the
// sign-in page only when the identity provider sent the browser back with a refusal: this module
// is imported on demand by `useSignInError`.
export { errorCatalogue } from '@baocao/domain';

import { signInEn, signInVi } from '../features/auth/sign-in.i18n';
import type { TranslationBundles } from '../i18n';
import type { Strings } from '../i18n/strings';
import { vi } from '../i18n/vi';
import { type FeatureStringsVi, featureStrings } from './feature-strings';

// The app composes the interface strings: the app-wide ones from i18n/, and each feature's own
// bundle under its section. i18n/ thus never imports a feature. The sign-in page needs only the
// app-wide strings and its own: each feature's bundle (registered in app/feature-strings.ts) is
// fetched with the first page that shows it, in the current language (see `withFeatureStrings`).
const viAll = {
  ...vi,
  signIn: signInVi,
};
type AllVi = typeof viAll & FeatureStringsVi;

/** English is fetched only when chosen: its app-wide strings are a chunk of their own. */
async function loadEnglish(): Promise<Strings<typeof viAll>> {
  const { en } = await import('../i18n/en');
  return {
    ...en,
    signIn: signInEn,
  };
}

export const translations: TranslationBundles = {
  vi: viAll,
  loadEnglish,
  features: featureStrings,
};

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: AllVi };
  }
}

import { signInEn, signInVi } from '../features/auth/sign-in.i18n';
import type { TranslationBundles } from '../i18n';
import type { Strings } from '../i18n/strings';
import { vi } from '../i18n/vi';
import type { featureStringsVi } from './feature-strings';

// The app composes the interface strings: the app-wide ones from i18n/, and each feature's own
// bundle under its section. i18n/ thus never imports a feature. The sign-in page needs only the
// app-wide strings and its own: the features' bundles (app/feature-strings.ts) are fetched with the
// signed-in shell (see `withFeatureStrings`), so they stay off the sign-in page's download.
const viAll = {
  ...vi,
  signIn: signInVi,
};
type AllVi = typeof viAll & typeof featureStringsVi;

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
  loadFeatures: () =>
    import('./feature-strings').then(({ featureStringsVi, featureStringsEn }) => ({
      vi: featureStringsVi,
      en: featureStringsEn,
    })),
};

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: AllVi };
  }
}

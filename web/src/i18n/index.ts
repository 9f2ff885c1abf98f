import 'dayjs/locale/vi';
import dayjs from 'dayjs';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

export type Language = 'vi' | 'en';

/**
 * The interface strings: Vietnamese up front, English fetched the first time it is chosen, and the
 * features' strings (both languages) fetched when the signed-in application first needs them.
 */
export interface TranslationBundles {
  vi: object;
  loadEnglish: () => Promise<object>;
  loadFeatures: () => Promise<{ vi: object; en: object }>;
}

let bundles: TranslationBundles | undefined;
let features: Promise<{ vi: object; en: object }> | undefined;

async function ensureStrings(language: Language): Promise<void> {
  if (language !== 'en' || !bundles || i18n.hasResourceBundle('en', 'translation')) return;
  const [en, loaded] = await Promise.all([bundles.loadEnglish(), features?.catch(() => undefined)]);
  i18n.addResourceBundle('en', 'translation', loaded ? { ...en, ...loaded.en } : en);
}

/**
 * Fetches the features' strings once and adds them to the languages present; a lazy page that uses
 * them loads through this (a failed fetch is retried the next time).
 */
export function ensureFeatureStrings(): Promise<void> {
  if (!bundles) return Promise.resolve();
  if (!features) {
    features = bundles.loadFeatures();
    features.catch(() => {
      features = undefined;
    });
  }
  return features.then((loaded) => {
    i18n.addResourceBundle('vi', 'translation', loaded.vi, true, true);
    if (i18n.hasResourceBundle('en', 'translation')) i18n.addResourceBundle('en', 'translation', loaded.en, true, true);
  });
}

/** A lazy page's module, once the features' strings are there too. */
export async function withFeatureStrings<T>(page: Promise<T>): Promise<T> {
  const [module] = await Promise.all([page, ensureFeatureStrings()]);
  return module;
}

const STORAGE_KEY = 'baocao.language';
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

function storedLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'vi') return stored;
  } catch {
    // Storage can be disabled; Vietnamese is the default.
  }
  return 'vi';
}

/** The server answers errors in the language of the `lang` cookie, so it follows the interface. */
function applyLanguage(language: Language): void {
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is not in every browser officials use
  document.cookie = `lang=${language}; path=/; max-age=${ONE_YEAR_SECONDS}; samesite=lax`;
  document.documentElement.lang = language;
  dayjs.locale(language === 'vi' ? 'vi' : 'en');
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'vi';
}

/** Switches the interface language, remembers it, and tells the server through the `lang` cookie. */
export async function setLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered, still applied.
  }
  await ensureStrings(language);
  applyLanguage(language);
  await i18n.changeLanguage(language);
}

/** Starts i18next with the app's strings (composed in app/translations.ts), in the remembered language. */
export async function initI18n(translations: TranslationBundles): Promise<void> {
  const language = storedLanguage();
  bundles = translations;
  applyLanguage(language);
  const resources: Record<string, { translation: object }> = { vi: { translation: translations.vi } };
  if (language === 'en') resources.en = { translation: await translations.loadEnglish() };
  await i18n.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'vi',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}

export { i18n };

import 'dayjs/locale/vi';
import dayjs from 'dayjs';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

export type Language = 'vi' | 'en';

/** The interface strings: Vietnamese up front, English fetched the first time it is chosen. */
export interface TranslationBundles {
  vi: object;
  loadEnglish: () => Promise<object>;
}

let loadEnglish: TranslationBundles['loadEnglish'] | undefined;

async function ensureStrings(language: Language): Promise<void> {
  if (language !== 'en' || !loadEnglish || i18n.hasResourceBundle('en', 'translation')) return;
  i18n.addResourceBundle('en', 'translation', await loadEnglish());
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
  loadEnglish = translations.loadEnglish;
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

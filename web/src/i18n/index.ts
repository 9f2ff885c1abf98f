import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

export type Language = 'vi' | 'en';

/** A feature's strings (its section), each language fetched on its own the first time it is needed. */
export interface FeatureStringsLoader {
  vi: () => Promise<object>;
  en: () => Promise<object>;
}

/**
 * The interface strings: Vietnamese up front, English fetched the first time it is chosen, and each
 * feature's section fetched, in the current language only, with the first page that names it.
 */
export interface TranslationBundles {
  vi: object;
  loadEnglish: () => Promise<object>;
  features: Record<string, FeatureStringsLoader>;
}

let bundles: TranslationBundles | undefined;
/** The sections some page has asked for: a language switch fetches them in the new language first. */
const wanted = new Set<string>();
/** In flight or done, by `language:section`; a failed fetch is forgotten, so it is retried next time. */
const fetching = new Map<string, Promise<void>>();
/** The language being switched to, while its strings arrive: a page loading meanwhile fetches both. */
let switchingTo: Language | undefined;
/** Whether the app-wide English strings are in (a feature's section may arrive before them). */
let englishLoaded = false;

function ensureSection(language: Language, section: string): Promise<void> {
  const key = `${language}:${section}`;
  let done = fetching.get(key);
  if (!done) {
    const loader = bundles?.features[section];
    if (!loader) return Promise.reject(new Error(`No feature strings are registered as "${section}"`));
    done = loader[language]().then((strings) => {
      i18n.addResourceBundle(language, 'translation', { [section]: strings }, true, true);
    });
    done.catch(() => fetching.delete(key));
    fetching.set(key, done);
  }
  return done;
}

async function ensureStrings(language: Language): Promise<void> {
  if (!bundles) return;
  if (language === 'en' && !englishLoaded) {
    i18n.addResourceBundle('en', 'translation', await bundles.loadEnglish(), true, true);
    englishLoaded = true;
  }
  await Promise.all([...wanted].map((section) => ensureSection(language, section)));
}

/** Fetches these features' strings in the current language (once; a lazy page loads through this). */
export function ensureFeatureStrings(sections: readonly string[]): Promise<void> {
  for (const section of sections) wanted.add(section);
  const languages = new Set([currentLanguage(), switchingTo ?? currentLanguage()]);
  return Promise.all(
    [...languages].flatMap((language) => sections.map((section) => ensureSection(language, section))),
  ).then(() => undefined);
}

/**
 * A lazy page's module, once the strings of the features it shows are there too: name every section
 * whose keys the page (or what it imports) uses, e.g. `withFeatureStrings(import('…'), 'reports')`.
 */
export async function withFeatureStrings<T>(page: Promise<T>, ...sections: string[]): Promise<T> {
  const [module] = await Promise.all([page, ensureFeatureStrings(sections)]);
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
  switchingTo = language;
  try {
    await ensureStrings(language);
  } finally {
    switchingTo = undefined;
  }
  applyLanguage(language);
  await i18n.changeLanguage(language);
}

/** Starts i18next with the app's strings (composed in app/translations.ts), in the remembered language. */
export async function initI18n(translations: TranslationBundles): Promise<void> {
  const language = storedLanguage();
  bundles = translations;
  applyLanguage(language);
  const resources: Record<string, { translation: object }> = { vi: { translation: translations.vi } };
  if (language === 'en') {
    resources.en = { translation: await translations.loadEnglish() };
    englishLoaded = true;
  }
  await i18n.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'vi',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}

export { i18n };

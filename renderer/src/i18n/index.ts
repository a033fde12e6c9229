/**
 * i18next for the renderer, initialised synchronously at import (the
 * catalogues are bundled), so the first paint is already in the right language.
 *
 * The language follows the computer (Electron: the OS; browser: the browser's
 * languages) unless someone picks one in Settings; that choice is remembered
 * on this computer (localStorage). Anything other than French reads English.
 */
import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { withManyPlurals } from './catalogue';
import { en } from './en';
import { fr } from './fr';
import { count, localeOf, money } from '../lib/format';

export type Language = 'en' | 'fr';
export type LanguagePreference = Language | 'system';
export const LANGUAGES: readonly Language[] = ['en', 'fr'];

const STORAGE_KEY = 'condo-sync.language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

function base(tag: string): string {
  return tag.toLowerCase().split('-')[0] ?? tag;
}

/** The language this computer asks for, among the ones the console speaks. */
export function systemLanguage(): Language {
  const asked = typeof navigator === 'undefined' ? [] : navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of asked) {
    const lng = base(tag);
    if ((LANGUAGES as readonly string[]).includes(lng)) return lng as Language;
  }
  return 'en';
}

export function languagePreference(): LanguagePreference {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored === 'en' || stored === 'fr' ? stored : 'system';
  } catch {
    return 'system';
  }
}

/** Settings → Language: remembers the choice ("system" forgets it) and switches at once. */
export async function setLanguagePreference(preference: LanguagePreference): Promise<void> {
  try {
    if (preference === 'system') localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, preference);
  } catch {
    // A private window may refuse storage; the choice still holds until the tab closes.
  }
  await i18n.changeLanguage(preference === 'system' ? systemLanguage() : preference);
}

/** The language in use now. */
export function currentLanguage(): Language {
  return i18n.resolvedLanguage === 'fr' ? 'fr' : 'en';
}

function reflectOnPage(lng: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = localeOf(lng);
}

i18n.on('languageChanged', reflectOnPage);

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    initAsync: false,
    resources: { en: { translation: en }, fr: { translation: withManyPlurals(fr) } },
    supportedLngs: LANGUAGES as Language[],
    fallbackLng: 'en',
    load: 'languageOnly',
    nonExplicitSupportedLngs: true,
    detection: {
      order: ['localStorage', 'navigator'],
      lookupLocalStorage: STORAGE_KEY,
      // Only an explicit choice in Settings is stored, so "same as this computer" keeps following it.
      caches: [],
      convertDetectedLanguage: base,
    },
    // React escapes; escaping here would show "&#39;" in O'Brien.
    interpolation: { escapeValue: false },
    returnNull: false,
  });

// Numbers and money inside sentences go through the one formatting module.
i18n.services.formatter?.add('number', (value: unknown) => (typeof value === 'number' ? count(value) : String(value)));
i18n.services.formatter?.add('money', (value: unknown) => (typeof value === 'number' ? money(value) : String(value)));
reflectOnPage(i18n.resolvedLanguage ?? 'en');

export { i18n };

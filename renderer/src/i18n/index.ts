// Every operator-facing string goes through i18next; dates and numbers through Intl in the
// active language. English is complete; Spanish covers the foundation screens. Top-level keys
// must be unique across feature files (a test checks it).
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

/**
 * Every `locales/<feature>.<lang>.json` is merged into that language, so a feature brings
 * its own strings without touching the others' files.
 */
const files = import.meta.glob<Record<string, unknown>>('./locales/*.json', { eager: true, import: 'default' });

function bundle(lang: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, strings] of Object.entries(files)) if (path.endsWith(`.${lang}.json`)) Object.assign(out, strings);
  return out;
}

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'es', label: 'Español' },
] as const;

const LANG_KEY = 'lotline.lang';

export function initI18n(): typeof i18next {
  const saved = localStorage.getItem(LANG_KEY);
  const browser = navigator.language.slice(0, 2);
  const lng = saved ?? (LANGUAGES.some((l) => l.code === browser) ? browser : 'en');
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: bundle('en') }, es: { translation: bundle('es') } },
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = lng;
  return i18next;
}

export function setLanguage(code: string): void {
  localStorage.setItem(LANG_KEY, code);
  void i18next.changeLanguage(code);
  document.documentElement.lang = code;
}

export { formatDateTime } from './format';

export function formatTime(date: Date, lng: string): string {
  return new Intl.DateTimeFormat(lng, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(date);
}

export function formatNumber(n: number, lng: string, unit?: string): string {
  const s = new Intl.NumberFormat(lng, { maximumFractionDigits: 3 }).format(n);
  return unit ? `${s} ${unit}` : s;
}

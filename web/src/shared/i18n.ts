// Tiny i18n engine. Each app defines one message table per language; the type
// system forces every language to define every key that zh-CN (the source) has.

export type Lang = 'zh-CN' | 'zh-TW' | 'en';

export const LANGS: readonly Lang[] = ['zh-CN', 'zh-TW', 'en'];

/** Each language's name in that language, for the language switch. */
export const LANG_NAMES: Record<Lang, string> = {
  'zh-CN': '简体中文',
  'zh-TW': '繁體中文',
  en: 'English',
};

export type Params = Record<string, string | number>;

export type MessageTables<K extends string> = Record<Lang, Record<K, string>>;

export type Translate<K extends string> = (key: K, params?: Params) => string;

/** Build a translator for one language; `{name}` placeholders are filled from params. */
export function translator<K extends string>(tables: MessageTables<K>, lang: Lang): Translate<K> {
  const table = tables[lang];
  return (key, params) => {
    const template = table[key] ?? tables['zh-CN'][key] ?? key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
    );
  };
}

/** Map a free-form language tag (data-lang, navigator.language) to a supported one. */
export function normalizeLang(tag: string | null | undefined): Lang | null {
  if (!tag) return null;
  const t = tag.trim().toLowerCase();
  if (t === 'en' || t.startsWith('en-')) return 'en';
  if (t === 'zh-tw' || t === 'zh-hk' || t === 'zh-mo' || t.startsWith('zh-hant')) return 'zh-TW';
  if (t === 'zh' || t.startsWith('zh-')) return 'zh-CN';
  return null;
}

/** Hour:minute of a timestamp in the given language, plus the date when not today. */
export function formatTime(ms: number, lang: Lang, now: number = Date.now()): string {
  const d = new Date(ms);
  const sameDay = new Date(now).toDateString() === d.toDateString();
  const opts: Intl.DateTimeFormatOptions = sameDay
    ? { hour: '2-digit', minute: '2-digit' }
    : { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' };
  try {
    return new Intl.DateTimeFormat(lang, opts).format(d);
  } catch {
    return d.toLocaleTimeString();
  }
}

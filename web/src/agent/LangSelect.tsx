// The language switch used on the login page and in the top bar.

import { LANG_NAMES, LANGS, type Lang } from '../shared/i18n';
import type { AgentT } from './messages';

export function LangSelect({ lang, t, onChange }: { lang: Lang; t: AgentT; onChange: (l: Lang) => void }) {
  return (
    <label class="ws-lang">
      <span class="ws-visually-hidden">{t('lang.label')}</span>
      <select value={lang} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value as Lang)}>
        {LANGS.map((l) => (
          <option key={l} value={l}>
            {LANG_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}

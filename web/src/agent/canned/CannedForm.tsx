// The fields of a canned reply, shared by "save as canned reply" in the workspace and the
// administration page: code, title, text (with the variables to click in and a warning about
// unknown ones), category and, when the caller offers a choice, the scope.

import { useId, useRef } from 'preact/hooks';
import type { Lang } from '../../shared/i18n';
import type { CannedCategory } from '../api';
import type { AgentMessageKey, AgentT } from '../messages';
import type { CannedReplyInput, CannedScope } from './api';
import { spellingFor, unknownVariables, VARIABLES, type VariableName } from './variables';

export interface CannedDraft extends CannedReplyInput {
  scope: CannedScope;
}

interface Props {
  draft: CannedDraft;
  onChange: (draft: CannedDraft) => void;
  categories: readonly CannedCategory[];
  /** Whether the team scope may be chosen (supervisors and admins); null hides the choice. */
  scopes: readonly CannedScope[] | null;
  lang: Lang;
  t: AgentT;
}

export function CannedForm({ draft, onChange, categories, scopes, lang, t }: Props) {
  const id = useId();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const set = (patch: Partial<CannedDraft>) => onChange({ ...draft, ...patch });
  const unknown = unknownVariables(draft.text);

  // Put the variable at the text's caret (or its end), then the caret after it.
  const insertVariable = (name: VariableName) => {
    const token = `{${spellingFor(name, lang)}}`;
    const el = textRef.current;
    const start = el?.selectionStart ?? draft.text.length;
    const end = el?.selectionEnd ?? draft.text.length;
    set({ text: draft.text.slice(0, start) + token + draft.text.slice(end) });
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  return (
    <div class="cn-form">
      <div class="cn-row">
        <div class="cn-field cn-field-code">
          <label for={`${id}-code`}>{t('canned.field.code')}</label>
          <div class="cn-code-input">
            <span aria-hidden="true">/</span>
            <input
              id={`${id}-code`}
              required
              maxLength={32}
              pattern="[A-Za-z0-9_\-]+"
              autocomplete="off"
              spellcheck={false}
              aria-describedby={`${id}-code-hint`}
              value={draft.code}
              onInput={(e) => set({ code: (e.currentTarget as HTMLInputElement).value })}
            />
          </div>
          <p id={`${id}-code-hint`} class="ws-muted ws-small">
            {t('canned.field.codeHint')}
          </p>
        </div>
        <div class="cn-field">
          <label for={`${id}-title`}>{t('canned.field.title')}</label>
          <input
            id={`${id}-title`}
            maxLength={64}
            placeholder={t('canned.field.titleHint')}
            value={draft.title}
            onInput={(e) => set({ title: (e.currentTarget as HTMLInputElement).value })}
          />
        </div>
      </div>
      <div class="cn-field">
        <label for={`${id}-text`}>{t('canned.field.text')}</label>
        <textarea
          id={`${id}-text`}
          ref={textRef}
          required
          rows={4}
          maxLength={2000}
          value={draft.text}
          aria-describedby={`${id}-vars`}
          onInput={(e) => set({ text: (e.currentTarget as HTMLTextAreaElement).value })}
        />
        <div id={`${id}-vars`} class="cn-vars">
          <span class="ws-muted ws-small">{t('canned.variables')}</span>
          {(Object.keys(VARIABLES) as VariableName[]).map((name) => (
            <button
              key={name}
              type="button"
              class="cn-var"
              title={t(`canned.var.${name}` as AgentMessageKey)}
              onClick={() => insertVariable(name)}
            >
              {`{${spellingFor(name, lang)}}`}
            </button>
          ))}
        </div>
        {unknown.length > 0 && (
          <p class="cn-warning" role="status" data-testid="canned-unknown-vars">
            {t('canned.unknownVars', { vars: unknown.join(' ') })}
          </p>
        )}
      </div>
      <div class="cn-row">
        <div class="cn-field">
          <label for={`${id}-category`}>{t('canned.field.category')}</label>
          <select
            id={`${id}-category`}
            value={draft.category_id ?? ''}
            onChange={(e) => set({ category_id: (e.currentTarget as HTMLSelectElement).value || null })}
          >
            <option value="">{t('canned.uncategorised')}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        {scopes && scopes.length > 1 && (
          <fieldset class="cn-field cn-scope">
            <legend>{t('canned.field.scope')}</legend>
            {scopes.map((scope) => (
              <label key={scope} class="cn-radio">
                <input type="radio" name={`${id}-scope`} checked={draft.scope === scope} onChange={() => set({ scope })} />
                <span>{t(`canned.scope.${scope}`)}</span>
                <span class="ws-muted ws-small">{t(scope === 'team' ? 'canned.scope.teamHint' : 'canned.scope.personalHint')}</span>
              </label>
            ))}
          </fieldset>
        )}
      </div>
    </div>
  );
}

/** A user-facing message for a failed canned-reply call. */
export function cannedErrorText(e: unknown, t: AgentT, code = ''): string {
  const status = typeof e === 'object' && e !== null && 'status' in e ? (e as { status: number }).status : -1;
  const message = e instanceof Error ? e.message : String(e);
  if (status === 0) return t('canned.err.network');
  if (status === 403) return t('canned.err.forbidden');
  if (status === 409 && code) return t('canned.err.conflict', { code: code.trim().toLowerCase() });
  return t('canned.err.generic', { message });
}

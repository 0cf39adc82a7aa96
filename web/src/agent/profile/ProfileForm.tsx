// The inline editor of the customer profile: name, contact, VIP level, tags (a chip input),
// custom attributes (rows added and removed) and the agents' note. Checked as typed once a save
// was tried; the server's refusal is shown beside the buttons with everything typed kept. Esc
// cancels.

import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { CustomerProfile, ProfilePatch } from './api';
import {
  addTags,
  chars,
  draftOf,
  fieldOfMessage,
  LIMITS,
  newRow,
  patchOf,
  splitTags,
  validateDraft,
  type AttributeRow,
  type DraftError,
  type FieldName,
  type ProfileDraft,
} from './draft';
import { failureText } from './format';
import type { ProfileT } from './messages';

interface Props {
  profile: CustomerProfile;
  pt: ProfileT;
  /** Saves the changes; rejects with the server's refusal. */
  onSave: (patch: ProfilePatch) => Promise<void>;
  onCancel: () => void;
}

const VIP_LEVELS = Array.from({ length: LIMITS.vipMax + 1 }, (_, i) => i);

export function ProfileForm({ profile, pt, onSave, onCancel }: Props) {
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<ProfileDraft>(() => draftOf(profile));
  const [checked, setChecked] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<{ message: string; field: FieldName | null } | null>(null);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  useEffect(() => {
    formRef.current?.querySelector<HTMLInputElement>(`#${CSS.escape(`${id}-name`)}`)?.focus();
  }, []);

  const errors = checked ? validateDraft(draft) : [];
  const errorOf = (field: FieldName): DraftError | undefined => errors.find((e) => e.field === field && e.row === undefined);
  const invalid = (field: FieldName) => !!errorOf(field) || serverError?.field === field;
  const update = (patch: Partial<ProfileDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = async (e: Event) => {
    e.preventDefault();
    if (saving) return;
    const problems = validateDraft(draft);
    setChecked(true);
    if (problems.length > 0) {
      setServerError(null);
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const patch = patchOf(draft, profile);
    if (Object.keys(patch).length === 0) {
      onCancel();
      return;
    }
    setSaving(true);
    setServerError(null);
    try {
      await onSave(patch);
    } catch (err) {
      if (!mounted.current) return;
      const message = failureText(err, pt);
      setServerError({ message, field: fieldOfMessage(err instanceof Error ? err.message : '') });
    } finally {
      if (mounted.current) setSaving(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !e.isComposing) {
      e.preventDefault();
      e.stopPropagation();
      onCancel();
    }
  };

  const fieldError = (field: FieldName) => {
    const err = errorOf(field);
    return err ? (
      <p id={`${id}-${field}-error`} class="pf-field-error">
        {pt(err.key, err.params)}
      </p>
    ) : null;
  };
  const describedBy = (field: FieldName, hint?: string) =>
    [hint, errorOf(field) ? `${id}-${field}-error` : undefined].filter(Boolean).join(' ') || undefined;

  const summaryError = serverError
    ? pt('form.serverError', { message: serverError.message })
    : errors.length > 0
      ? pt('form.invalid')
      : null;

  return (
    <form
      ref={formRef}
      class="pf-form"
      aria-label={pt('form.title')}
      aria-busy={saving}
      noValidate
      onSubmit={submit}
      onKeyDown={onKeyDown}
    >
      {profile.verified && (
        <p class="pf-verified-hint" id={`${id}-verified`}>
          {pt('form.verifiedHint')}
        </p>
      )}
      <div class="pf-fields">
        <div class="pf-field">
          <label for={`${id}-name`}>{pt('field.name')}</label>
          <input
            id={`${id}-name`}
            type="text"
            autoComplete="off"
            value={draft.name}
            aria-invalid={invalid('name')}
            aria-describedby={describedBy('name')}
            onInput={(e) => update({ name: e.currentTarget.value })}
          />
          {fieldError('name')}
        </div>
        <div class="pf-field-pair">
          <div class="pf-field">
            <label for={`${id}-phone`}>{pt('field.phone')}</label>
            <input
              id={`${id}-phone`}
              type="tel"
              autoComplete="off"
              value={draft.phone}
              aria-invalid={invalid('phone')}
              aria-describedby={describedBy('phone')}
              onInput={(e) => update({ phone: e.currentTarget.value })}
            />
            {fieldError('phone')}
          </div>
          <div class="pf-field pf-field-vip">
            <label for={`${id}-vip`}>{pt('field.vip')}</label>
            <select
              id={`${id}-vip`}
              value={String(draft.vip)}
              aria-invalid={invalid('vip')}
              onChange={(e) => update({ vip: Number(e.currentTarget.value) })}
            >
              {VIP_LEVELS.map((n) => (
                <option key={n} value={String(n)}>
                  {n === 0 ? pt('form.vipNone') : pt('form.vipLevel', { n })}
                </option>
              ))}
            </select>
            {fieldError('vip')}
          </div>
        </div>
        <div class="pf-field">
          <label for={`${id}-email`}>{pt('field.email')}</label>
          <input
            id={`${id}-email`}
            type="email"
            autoComplete="off"
            value={draft.email}
            aria-invalid={invalid('email')}
            aria-describedby={describedBy('email')}
            onInput={(e) => update({ email: e.currentTarget.value })}
          />
          {fieldError('email')}
        </div>

        <TagInput
          id={`${id}-tags`}
          draft={draft}
          pt={pt}
          invalid={invalid('tags')}
          error={errorOf('tags')}
          onChange={(tags, tagInput) => update({ tags, tagInput })}
        />

        <AttributeRows
          id={`${id}-attrs`}
          rows={draft.attributes}
          errors={errors}
          serverInvalid={serverError?.field === 'attributes'}
          groupError={errorOf('attributes')}
          pt={pt}
          onChange={(attributes) => update({ attributes })}
        />

        <div class="pf-field">
          <div class="pf-field-label-row">
            <label for={`${id}-note`}>{pt('field.note')}</label>
            <span class={`pf-count${chars(draft.note.trim()) > LIMITS.note ? ' is-over' : ''}`} id={`${id}-note-count`}>
              {pt('form.count', { n: chars(draft.note.trim()), max: LIMITS.note })}
            </span>
          </div>
          <textarea
            id={`${id}-note`}
            rows={3}
            value={draft.note}
            aria-invalid={invalid('note')}
            aria-describedby={describedBy('note', `${id}-note-count`)}
            onInput={(e) => update({ note: e.currentTarget.value })}
          />
          {fieldError('note')}
        </div>
      </div>

      {summaryError && (
        <p class="ws-error pf-form-error" role="alert" data-testid="profile-error">
          {summaryError}
        </p>
      )}
      <div class="pf-form-actions">
        <span class="pf-esc-hint">{pt('form.escHint')}</span>
        <button type="button" class="ws-btn kb-btn-sm" onClick={onCancel}>
          {pt('form.cancel')}
        </button>
        <button type="submit" class="ws-btn ws-btn-primary kb-btn-sm" data-testid="profile-save" aria-disabled={saving}>
          {saving ? pt('form.saving') : pt('form.save')}
        </button>
      </div>
    </form>
  );
}

// -- tags --------------------------------------------------------------------------------

interface TagInputProps {
  id: string;
  draft: ProfileDraft;
  pt: ProfileT;
  invalid: boolean;
  error: DraftError | undefined;
  onChange: (tags: string[], input: string) => void;
}

/** Chips plus a text box: Enter or a comma makes a chip, Backspace in the empty box removes the last. */
function TagInput({ id, draft, pt, invalid, error, onChange }: TagInputProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const { tags, tagInput } = draft;

  const commit = (text: string, rest = '') => onChange(addTags(tags, splitTags(text)), rest);

  const onInput = (e: Event) => {
    const value = (e.currentTarget as HTMLInputElement).value;
    // A separator typed (or pasted) turns what comes before it into chips.
    const last = Math.max(...[',', '，', '、', ';', '；'].map((s) => value.lastIndexOf(s)));
    if (last >= 0) commit(value.slice(0, last), value.slice(last + 1));
    else onChange(tags, value);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.isComposing) return;
    if (e.key === 'Enter') {
      e.preventDefault(); // not the form's submit
      if (tagInput.trim() !== '') commit(tagInput);
    } else if (e.key === 'Backspace' && tagInput === '' && tags.length > 0) {
      e.preventDefault();
      onChange(tags.slice(0, -1), '');
    }
  };

  const remove = (i: number) => {
    onChange(
      tags.filter((_, j) => j !== i),
      tagInput,
    );
    inputRef.current?.focus();
  };

  return (
    <div class="pf-field">
      <label for={id}>{pt('field.tags')}</label>
      <div class={`pf-chip-input${invalid ? ' is-invalid' : ''}`} onClick={() => inputRef.current?.focus()}>
        {tags.length > 0 && (
          <ul class="pf-chips" aria-label={pt('field.tags')}>
            {tags.map((tag, i) => (
              <li key={tag} class="pf-chip pf-chip-edit">
                <span>{tag}</span>
                <button
                  type="button"
                  class="pf-chip-remove"
                  aria-label={pt('form.removeTag', { tag })}
                  onClick={(e) => {
                    e.stopPropagation();
                    remove(i);
                  }}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          ref={inputRef}
          id={id}
          type="text"
          autoComplete="off"
          class="pf-chip-text"
          value={tagInput}
          placeholder={pt('form.tagInput')}
          aria-invalid={invalid}
          aria-describedby={[`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}
          onInput={onInput}
          onKeyDown={onKeyDown}
        />
      </div>
      <small id={`${id}-hint`} class="pf-hint">
        {pt('form.tagsHint', { max: LIMITS.tags })}
      </small>
      {error && (
        <p id={`${id}-error`} class="pf-field-error">
          {pt(error.key, error.params)}
        </p>
      )}
    </div>
  );
}

// -- custom attributes -------------------------------------------------------------------

interface AttributeRowsProps {
  id: string;
  rows: AttributeRow[];
  errors: DraftError[];
  serverInvalid: boolean;
  groupError: DraftError | undefined;
  pt: ProfileT;
  onChange: (rows: AttributeRow[]) => void;
}

function AttributeRows({ id, rows, errors, serverInvalid, groupError, pt, onChange }: AttributeRowsProps) {
  const listRef = useRef<HTMLDivElement>(null);
  const focusRow = useRef<number | null>(null);

  useEffect(() => {
    if (focusRow.current === null) return;
    listRef.current?.querySelector<HTMLInputElement>(`[data-row="${focusRow.current}"] input`)?.focus();
    focusRow.current = null;
  });

  const set = (uid: number, patch: Partial<AttributeRow>) => onChange(rows.map((r) => (r.uid === uid ? { ...r, ...patch } : r)));

  const add = () => {
    const row = newRow();
    focusRow.current = row.uid;
    onChange([...rows, row]);
  };

  const remove = (index: number) => {
    const next = rows.filter((_, i) => i !== index);
    // Keep the keyboard where it was: on the next row, else the previous one, else "add".
    const neighbour = next[index] ?? next[index - 1];
    focusRow.current = neighbour ? neighbour.uid : null;
    onChange(next);
    if (!neighbour) requestAnimationFrame(() => listRef.current?.parentElement?.querySelector<HTMLButtonElement>('.pf-attr-add')?.focus());
  };

  return (
    <fieldset class="pf-attr-group" aria-describedby={groupError ? `${id}-error` : undefined}>
      <legend>{pt('field.attributes')}</legend>
      <div ref={listRef} class="pf-attr-rows">
        {rows.length === 0 && <p class="pf-empty">{pt('form.noAttrs')}</p>}
        {rows.length > 0 && (
          <div class="pf-attr-row pf-attr-row-head" aria-hidden="true">
            <span>{pt('form.attrKey')}</span>
            <span>{pt('form.attrValue')}</span>
            <span />
          </div>
        )}
        {rows.map((row, i) => {
          const n = i + 1;
          const keyError = errors.find((e) => e.row === row.uid && e.part === 'key');
          const valueError = errors.find((e) => e.row === row.uid && e.part === 'value');
          const errorId = `${id}-${row.uid}-error`;
          return (
            <div key={row.uid} class="pf-attr-row" data-row={row.uid}>
              <input
                type="text"
                autoComplete="off"
                value={row.key}
                aria-label={pt('form.attrKeyN', { n })}
                placeholder={pt('form.attrKey')}
                aria-invalid={!!keyError || (serverInvalid && row.key.trim() !== '')}
                aria-describedby={keyError ? errorId : undefined}
                onInput={(e) => set(row.uid, { key: e.currentTarget.value })}
              />
              <input
                type="text"
                autoComplete="off"
                value={row.value}
                aria-label={pt('form.attrValueN', { n })}
                placeholder={pt('form.attrValue')}
                aria-invalid={!!valueError}
                aria-describedby={valueError ? errorId : undefined}
                onInput={(e) => set(row.uid, { value: e.currentTarget.value })}
              />
              <button type="button" class="ws-icon-btn pf-attr-remove" aria-label={pt('form.removeAttr', { n })} onClick={() => remove(i)}>
                ×
              </button>
              {(keyError || valueError) && (
                <p id={errorId} class="pf-field-error pf-attr-error">
                  {[keyError, valueError]
                    .filter((e): e is DraftError => !!e)
                    .map((e) => pt(e.key, e.params))
                    .join(' ')}
                </p>
              )}
            </div>
          );
        })}
      </div>
      <button type="button" class="ws-link-btn pf-attr-add" onClick={add} disabled={rows.length >= LIMITS.attributes}>
        <span aria-hidden="true">+ </span>
        {pt('form.addAttr')}
      </button>
      {groupError && (
        <p id={`${id}-error`} class="pf-field-error">
          {pt(groupError.key, groupError.params)}
        </p>
      )}
    </fieldset>
  );
}

// The form that creates or edits one knowledge-base entry, in a dialog.

import { useId, useMemo, useState } from 'preact/hooks';
import { kbApi, type KbCategory, type KbEntry, type KbEntryInput } from './api';
import { Modal } from './Dialog';
import { dateFromInput, dateInputValue, splitComma, splitLines } from './format';
import { errorText, type KbT } from './messages';

const NEW_CATEGORY = '\u0000new';

interface Props {
  t: KbT;
  /** The entry to edit; null creates one. */
  entry: KbEntry | null;
  /** The standard question of a new entry (from a knowledge gap). */
  prefillQuestion?: string;
  categories: readonly KbCategory[];
  onSaved: (entry: KbEntry) => void;
  onClose: () => void;
}

export function EntryForm({ t, entry, prefillQuestion = '', categories, onSaved, onClose }: Props) {
  const [question, setQuestion] = useState(entry?.question ?? prefillQuestion);
  const [similar, setSimilar] = useState((entry?.similar ?? []).join('\n'));
  const [answer, setAnswer] = useState(entry?.answer ?? '');
  const [category, setCategory] = useState(entry?.category ?? '');
  const [newCategory, setNewCategory] = useState('');
  const [tags, setTags] = useState((entry?.tags ?? []).join(', '));
  const [enabled, setEnabled] = useState(entry?.enabled ?? true);
  const [validFrom, setValidFrom] = useState(dateInputValue(entry?.valid_from ?? null));
  const [validTo, setValidTo] = useState(dateInputValue(entry?.valid_to ?? null));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const formId = useId();

  // The entry's own category is offered even before the category list has loaded.
  const names = useMemo(() => {
    const list = categories.map((c) => c.name);
    if (entry?.category && !list.includes(entry.category)) list.unshift(entry.category);
    return list;
  }, [categories, entry]);

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const input: KbEntryInput = {
      question: question.trim(),
      similar: splitLines(similar),
      answer: answer.trim(),
      category: category === NEW_CATEGORY ? newCategory.trim() : category,
      tags: splitComma(tags),
      enabled,
      valid_from: dateFromInput(validFrom, entry?.valid_from ?? null),
      valid_to: dateFromInput(validTo, entry?.valid_to ?? null),
    };
    setBusy(true);
    setError(null);
    try {
      const saved = entry ? await kbApi.updateEntry(entry.id, input) : await kbApi.createEntry(input);
      onSaved(saved);
    } catch (err) {
      setError(errorText(err, t));
      setBusy(false);
    }
  };

  const title = entry ? t('entry.editTitle') : t('entry.newTitle');
  return (
    <Modal title={title} t={t} onClose={onClose} wide>
      <form class="kb-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <div class="kb-dialog-body kb-form-grid">
          <label class="kb-field kb-span-2">
            <span>{t('entry.question')}</span>
            <input
              autoFocus
              required
              maxLength={500}
              value={question}
              onInput={(e) => setQuestion((e.currentTarget as HTMLInputElement).value)}
            />
          </label>
          <label class="kb-field kb-span-2">
            <span>{t('entry.similar')}</span>
            <textarea
              rows={4}
              value={similar}
              placeholder={t('entry.similarHint')}
              onInput={(e) => setSimilar((e.currentTarget as HTMLTextAreaElement).value)}
            />
          </label>
          <label class="kb-field kb-span-2">
            <span>{t('entry.answer')}</span>
            <textarea
              rows={6}
              required
              maxLength={5000}
              value={answer}
              onInput={(e) => setAnswer((e.currentTarget as HTMLTextAreaElement).value)}
            />
          </label>
          <div class="kb-field">
            <label for={`${formId}-category`}>{t('entry.category')}</label>
            <select
              id={`${formId}-category`}
              value={category}
              onChange={(e) => setCategory((e.currentTarget as HTMLSelectElement).value)}
            >
              <option value="">{t('entry.noCategory')}</option>
              {names.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
              <option value={NEW_CATEGORY}>{t('entry.newCategoryOption')}</option>
            </select>
          </div>
          {category === NEW_CATEGORY ? (
            <label class="kb-field">
              <span>{t('entry.newCategory')}</span>
              <input
                maxLength={64}
                value={newCategory}
                onInput={(e) => setNewCategory((e.currentTarget as HTMLInputElement).value)}
              />
            </label>
          ) : (
            <span aria-hidden="true" />
          )}
          <label class="kb-field kb-span-2">
            <span>{t('entry.tags')}</span>
            <input
              value={tags}
              placeholder={t('entry.tagsHint')}
              onInput={(e) => setTags((e.currentTarget as HTMLInputElement).value)}
            />
          </label>
          <label class="kb-field">
            <span>{t('entry.validFrom')}</span>
            <input type="date" value={validFrom} onInput={(e) => setValidFrom((e.currentTarget as HTMLInputElement).value)} />
          </label>
          <div class="kb-field">
            <label for={`${formId}-to`}>{t('entry.validTo')}</label>
            <input
              id={`${formId}-to`}
              type="date"
              value={validTo}
              aria-describedby={`${formId}-to-hint`}
              onInput={(e) => setValidTo((e.currentTarget as HTMLInputElement).value)}
            />
            <small id={`${formId}-to-hint`} class="ws-muted">
              {t('entry.validToHint')}
            </small>
          </div>
          <label class="kb-check kb-span-2">
            <input type="checkbox" checked={enabled} onChange={(e) => setEnabled((e.currentTarget as HTMLInputElement).checked)} />
            <span>{t('entry.enabled')}</span>
          </label>
          {error && (
            <p class="ws-error kb-span-2" role="alert">
              {error}
            </p>
          )}
        </div>
        <div class="kb-dialog-actions">
          <button type="button" class="ws-btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="ws-btn ws-btn-primary" disabled={busy}>
            {busy ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

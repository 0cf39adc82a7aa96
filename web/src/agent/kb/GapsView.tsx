// Knowledge gaps: questions the bot could not answer (or only with low confidence), most asked
// first. Each can become a new entry or be dismissed.

import { useEffect, useState } from 'preact/hooks';
import { formatTime, type Lang } from '../../shared/i18n';
import { kbApi, type KbCategory, type KbGap } from './api';
import { EntryForm } from './EntryForm';
import { percent } from './format';
import { ErrorLine, Notice } from './Feedback';
import { errorText, type KbT } from './messages';

export function GapsView({ t, lang }: { t: KbT; lang: Lang }) {
  const [gaps, setGaps] = useState<KbGap[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [busyKey, setBusyKey] = useState<string | null>(null);
  const [creating, setCreating] = useState<KbGap | null>(null);
  const [categories, setCategories] = useState<KbCategory[]>([]);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    kbApi.gaps().then(
      (list) => {
        setGaps(list);
        setError(null);
      },
      (e: unknown) => setError(errorText(e, t)),
    );
    // `t` only formats errors.
  }, [reload]);

  const dismiss = async (gap: KbGap): Promise<boolean> => {
    setBusyKey(gap.key);
    setError(null);
    try {
      await kbApi.dismissGap(gap.key);
      setGaps((list) => list?.filter((g) => g.key !== gap.key) ?? null);
      return true;
    } catch (e) {
      setError(errorText(e, t));
      return false;
    } finally {
      setBusyKey(null);
    }
  };

  const openCreate = (gap: KbGap) => {
    setCreating(gap);
    kbApi.categories().then(setCategories, () => setCategories([]));
  };

  return (
    <section class="kb-section" aria-labelledby="kb-gaps-title">
      <div class="kb-section-head">
        <h2 id="kb-gaps-title">{t('gaps.title')}</h2>
        <button type="button" class="ws-btn" onClick={() => setReload((n) => n + 1)}>
          {t('common.refresh')}
        </button>
      </div>
      <p class="ws-muted kb-help">{t('gaps.help')}</p>
      <Notice text={notice} t={t} onDismiss={() => setNotice(null)} />
      <ErrorLine text={error} />
      <div class="kb-table-wrap">
        <table class="kb-table" aria-busy={gaps === null}>
          <caption class="ws-visually-hidden">{t('gaps.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('gaps.col.question')}</th>
              <th scope="col" class="kb-num">
                {t('gaps.col.count')}
              </th>
              <th scope="col">{t('gaps.col.best')}</th>
              <th scope="col" class="kb-num">
                {t('gaps.col.confidence')}
              </th>
              <th scope="col">{t('gaps.col.lastAt')}</th>
              <th scope="col">
                <span class="ws-visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(gaps ?? []).map((gap) => (
              <tr key={gap.key}>
                <th scope="row" class="kb-question">
                  {gap.question}
                </th>
                <td class="kb-num">{gap.count}</td>
                <td>{gap.best_question ?? <span class="ws-muted">{t('gaps.noMatch')}</span>}</td>
                <td class="kb-num">{gap.best_question ? percent(gap.best_confidence) : '—'}</td>
                <td>
                  <time dateTime={new Date(gap.last_at).toISOString()}>{formatTime(gap.last_at, lang)}</time>
                </td>
                <td class="kb-actions">
                  <button
                    type="button"
                    class="ws-btn kb-btn-sm"
                    aria-label={t('gaps.createLabel', { question: gap.question })}
                    onClick={() => openCreate(gap)}
                  >
                    {t('gaps.create')}
                  </button>
                  <button
                    type="button"
                    class="ws-btn kb-btn-sm"
                    disabled={busyKey === gap.key}
                    aria-label={t('gaps.dismissLabel', { question: gap.question })}
                    onClick={() => void dismiss(gap)}
                  >
                    {t('gaps.dismiss')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {gaps?.length === 0 && <p class="kb-empty">{t('gaps.empty')}</p>}
      </div>
      {creating && (
        <EntryForm
          t={t}
          entry={null}
          prefillQuestion={creating.question}
          categories={categories}
          onClose={() => setCreating(null)}
          onSaved={(entry) => {
            const gap = creating;
            setCreating(null);
            setNotice(t('entries.created', { question: entry.question }));
            // The gap is answered now: take it off the list.
            void dismiss(gap);
          }}
        />
      )}
    </section>
  );
}

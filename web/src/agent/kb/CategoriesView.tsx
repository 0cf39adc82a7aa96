// Categories of the knowledge base with their entry counts: add and delete.

import { useEffect, useState } from 'preact/hooks';
import { kbApi, type KbCategory } from './api';
import { ErrorLine } from './Feedback';
import { errorText, type KbT } from './messages';

export function CategoriesView({ t }: { t: KbT }) {
  const [categories, setCategories] = useState<KbCategory[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    kbApi.categories().then(
      (list) => {
        setCategories(list);
        setLoadError(null);
      },
      (e: unknown) => setLoadError(errorText(e, t)),
    );
    // `t` only formats errors.
  }, [reload]);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      setReload((n) => n + 1);
      return true;
    } catch (e) {
      setError(errorText(e, t));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const onAdd = async (e: Event) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (trimmed === '' || busy) return;
    if (await run(() => kbApi.createCategory(trimmed))) setName('');
  };

  return (
    <section class="kb-section" aria-labelledby="kb-categories-title">
      <div class="kb-section-head">
        <h2 id="kb-categories-title">{t('categories.title')}</h2>
      </div>
      <form class="kb-toolbar" onSubmit={(e) => void onAdd(e)}>
        <label class="kb-inline-field">
          <span>{t('categories.name')}</span>
          <input maxLength={64} value={name} onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <button type="submit" class="ws-btn ws-btn-primary" disabled={busy || name.trim() === ''}>
          {t('categories.add')}
        </button>
      </form>
      <ErrorLine text={error ?? loadError} />
      <div class="kb-table-wrap kb-narrow">
        <table class="kb-table" aria-busy={categories === null}>
          <caption class="ws-visually-hidden">{t('categories.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('categories.col.name')}</th>
              <th scope="col" class="kb-num">
                {t('categories.col.entries')}
              </th>
              <th scope="col">
                <span class="ws-visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(categories ?? []).map((c) => (
              <tr key={c.name}>
                <th scope="row">{c.name}</th>
                <td class="kb-num">{c.entries}</td>
                <td class="kb-actions">
                  <button
                    type="button"
                    class="ws-btn kb-btn-sm kb-btn-danger"
                    disabled={busy}
                    aria-label={t('categories.deleteLabel', { name: c.name })}
                    onClick={() => void run(() => kbApi.deleteCategory(c.name))}
                  >
                    {t('common.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {categories?.length === 0 && <p class="kb-empty">{t('categories.empty')}</p>}
      </div>
    </section>
  );
}

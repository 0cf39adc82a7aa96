// The bot settings' handoff routes: for each knowledge-base category, the queue a handoff goes
// to when the bot's last matched question is of that category. Rows are edited here and saved
// with the rest of the bot settings form (which disables them for non-administrators).

import { useEffect, useState } from 'preact/hooks';
import { kbApi, type Queue } from './api';
import { ErrorLine } from './Feedback';
import { isIncomplete, MAX_HANDOFF_ROUTES, newRouteRow, type RouteRow } from './handoff';
import { errorText, type KbT } from './messages';

interface Props {
  t: KbT;
  rows: RouteRow[];
  onChange: (rows: RouteRow[]) => void;
  /** The page's queues (null while loading) and why they did not load. */
  queues: Queue[] | null;
  queuesError: string | null;
  /** After a refused save: mark the rows with one select chosen but not the other, and say why. */
  checked: boolean;
}

export function HandoffRoutes({ t, rows, onChange, queues, queuesError, checked }: Props) {
  const [categories, setCategories] = useState<string[] | null>(null);
  const [categoriesError, setCategoriesError] = useState<string | null>(null);

  useEffect(() => {
    kbApi.categories().then(
      (list) => setCategories(list.map((c) => c.name)),
      (e: unknown) => setCategoriesError(errorText(e, t)),
    );
    // `t` only formats errors.
  }, []);

  // Without the lists the rows stay as loaded, and are saved unchanged with the rest of the form.
  const loadError = categoriesError ?? queuesError;
  if (loadError) {
    return (
      <div class="kb-span-2">
        <ErrorLine text={loadError} />
      </div>
    );
  }
  if (!categories || !queues) return <p class="ws-muted kb-help kb-span-2">{t('common.loading')}</p>;

  const incomplete = checked ? rows.findIndex(isIncomplete) : -1;
  const update = (key: number, patch: Partial<RouteRow>) =>
    onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const value = (e: Event) => (e.currentTarget as HTMLSelectElement).value;

  return (
    <div class="kb-span-2 kb-routes">
      {categories.length === 0 && <p class="ws-muted kb-help">{t('bot.routes.noCategories')}</p>}
      {rows.length === 0 ? (
        <p class="ws-muted kb-help">{t('bot.routes.empty')}</p>
      ) : (
        <div class="kb-table-wrap">
          <table class="kb-table kb-routes-table" aria-label={t('bot.group.routes')}>
            <thead>
              <tr>
                <th scope="col">{t('bot.routes.col.category')}</th>
                <th scope="col">{t('bot.routes.col.queue')}</th>
                <th scope="col" class="kb-routes-action">
                  <span class="ws-visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => {
                const n = i + 1;
                const invalid = checked && isIncomplete(row);
                // A category is routed once: other rows' categories are not offered.
                const taken = new Set(rows.filter((r) => r.key !== row.key).map((r) => r.category));
                const gone = row.category !== '' && !categories.includes(row.category);
                const unknownQueue = row.queue !== '' && !queues.some((q) => q.id === row.queue);
                return (
                  <tr key={row.key}>
                    <td>
                      <select
                        aria-label={t('bot.routes.category', { n })}
                        aria-invalid={invalid && row.category === ''}
                        value={row.category}
                        onChange={(e) => update(row.key, { category: value(e) })}
                      >
                        <option value="">{t('bot.routes.pickCategory')}</option>
                        {gone && <option value={row.category}>{t('bot.routes.gone', { name: row.category })}</option>}
                        {categories
                          .filter((name) => !taken.has(name))
                          .map((name) => (
                            <option key={name} value={name}>
                              {name}
                            </option>
                          ))}
                      </select>
                    </td>
                    <td>
                      <select
                        aria-label={t('bot.routes.queue', { n })}
                        aria-invalid={invalid && row.queue === ''}
                        value={row.queue}
                        onChange={(e) => update(row.key, { queue: value(e) })}
                      >
                        <option value="">{t('bot.routes.pickQueue')}</option>
                        {unknownQueue && <option value={row.queue}>{t('bot.routes.unknownQueue', { id: row.queue })}</option>}
                        {queues.map((q) => (
                          <option key={q.id} value={q.id}>
                            {q.name}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td class="kb-routes-action">
                      <button
                        type="button"
                        class="ws-icon-btn"
                        aria-label={t('bot.routes.remove', { n })}
                        title={t('bot.routes.remove', { n })}
                        onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
                      >
                        ×
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {incomplete >= 0 && <ErrorLine text={t('bot.routes.incomplete', { n: incomplete + 1 })} />}
      {rows.length < MAX_HANDOFF_ROUTES ? (
        <button type="button" class="ws-btn kb-btn-sm kb-routes-add" onClick={() => onChange([...rows, newRouteRow()])}>
          <span aria-hidden="true">+</span>
          {t('bot.routes.add')}
        </button>
      ) : (
        <p class="ws-muted kb-help">{t('bot.routes.max', { max: MAX_HANDOFF_ROUTES })}</p>
      )}
    </div>
  );
}

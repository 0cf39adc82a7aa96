// Right column: canned replies (docs/protocol.md, "Canned replies") by category, searchable,
// personal ones marked; a click inserts one, its variables filled in, at the reply box's caret.

import { useMemo, useState } from 'preact/hooks';
import type { CannedReply } from './api';
import { ScopeBadge } from './canned/CannedPopup';
import { routeHref } from './kb/route';
import type { WorkspaceState } from './controller';
import type { AgentT } from './messages';

interface Props {
  state: WorkspaceState;
  t: AgentT;
  canInsert: boolean;
  onInsert: (reply: CannedReply) => void;
  onClose: () => void;
}

/** A tab: every reply, the agent's own, one category, or the uncategorised ones. */
type Tab = { kind: 'all' } | { kind: 'mine' } | { kind: 'category'; id: string | null };

function tabKey(tab: Tab): string {
  return tab.kind === 'category' ? `c:${tab.id ?? ''}` : tab.kind;
}

function inTab(reply: CannedReply, tab: Tab): boolean {
  if (tab.kind === 'all') return true;
  if (tab.kind === 'mine') return reply.scope === 'personal';
  return reply.category_id === tab.id;
}

export function CannedPanel({ state, t, canInsert, onInsert, onClose }: Props) {
  const [query, setQuery] = useState('');
  const [tab, setTab] = useState<Tab>({ kind: 'all' });
  const all = state.canned ?? [];
  const categories = state.cannedCategories;
  const isEditor = state.user?.role === 'supervisor' || state.user?.role === 'admin';

  const tabs = useMemo(() => {
    const list: { tab: Tab; label: string }[] = [{ tab: { kind: 'all' }, label: t('canned.all') }];
    if (all.some((r) => r.scope === 'personal')) list.push({ tab: { kind: 'mine' }, label: t('canned.mine') });
    for (const c of categories) list.push({ tab: { kind: 'category', id: c.id }, label: c.name });
    const known = new Set(categories.map((c) => c.id));
    if (all.some((r) => r.category_id === null || !known.has(r.category_id))) {
      list.push({ tab: { kind: 'category', id: null }, label: t('canned.uncategorised') });
    }
    return list;
  }, [all, categories, t]);

  const list = useMemo(() => {
    const q = query.trim().toLowerCase();
    const known = new Set(categories.map((c) => c.id));
    return all.filter((c) => {
      const shown =
        tab.kind === 'category' && tab.id === null ? c.category_id === null || !known.has(c.category_id) : inTab(c, tab);
      if (!shown) return false;
      return !q || c.code.toLowerCase().includes(q) || c.title.toLowerCase().includes(q) || c.text.toLowerCase().includes(q);
    });
  }, [all, categories, query, tab]);

  const current = tabKey(tab);
  return (
    <aside class="ws-canned" aria-label={t('canned.title')}>
      <div class="ws-canned-head">
        <h2>{t('canned.title')}</h2>
        <span class="cn-head-actions">
          {isEditor && (
            <a class="ws-link-btn ws-small" href={routeHref('canned')}>
              {t('canned.manage')}
            </a>
          )}
          <button type="button" class="ws-icon-btn" aria-label={t('canned.close')} title={t('canned.close')} onClick={onClose}>
            ×
          </button>
        </span>
      </div>
      <input
        class="ws-canned-search"
        type="search"
        placeholder={t('canned.search')}
        aria-label={t('canned.search')}
        value={query}
        onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
      />
      <div class="cn-tabs" role="tablist" aria-label={t('canned.tabs')}>
        {tabs.map(({ tab: item, label }) => {
          const key = tabKey(item);
          return (
            <button
              key={key}
              type="button"
              role="tab"
              aria-selected={key === current}
              class={`cn-tab${key === current ? ' is-active' : ''}`}
              onClick={() => setTab(item)}
            >
              {label}
            </button>
          );
        })}
      </div>
      {state.cannedFailed && <p class="ws-error">{t('canned.error')}</p>}
      {list.length === 0 && !state.cannedFailed ? (
        <p class="ws-muted ws-small">{t('canned.empty')}</p>
      ) : (
        <ul class="ws-canned-list" role="tabpanel" aria-label={tabs.find((x) => tabKey(x.tab) === current)?.label}>
          {list.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                class="ws-canned-item"
                data-code={c.code}
                data-scope={c.scope}
                disabled={!canInsert}
                onClick={() => onInsert(c)}
                title={c.text}
              >
                <span class="ws-canned-title">
                  {c.title}
                  <span class="ws-code">/{c.code}</span>
                  <ScopeBadge scope={c.scope} t={t} />
                </span>
                <span class="ws-canned-text">{c.text}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}

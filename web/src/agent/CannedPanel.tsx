// Right column: canned replies (GET /api/canned-replies); a click inserts one into the reply box.

import { useMemo, useState } from 'preact/hooks';
import type { WorkspaceState } from './controller';
import type { AgentT } from './messages';

interface Props {
  state: WorkspaceState;
  t: AgentT;
  canInsert: boolean;
  onInsert: (text: string) => void;
  onClose: () => void;
}

export function CannedPanel({ state, t, canInsert, onInsert, onClose }: Props) {
  const [query, setQuery] = useState('');
  const list = useMemo(() => {
    const q = query.trim().toLowerCase();
    const all = state.canned ?? [];
    if (!q) return all;
    return all.filter(
      (c) => c.code.toLowerCase().includes(q) || c.title.toLowerCase().includes(q) || c.text.toLowerCase().includes(q),
    );
  }, [state.canned, query]);

  return (
    <aside class="ws-canned" aria-label={t('canned.title')}>
      <div class="ws-canned-head">
        <h2>{t('canned.title')}</h2>
        <button type="button" class="ws-icon-btn" aria-label={t('canned.close')} title={t('canned.close')} onClick={onClose}>
          ×
        </button>
      </div>
      <input
        class="ws-canned-search"
        type="search"
        placeholder={t('canned.search')}
        aria-label={t('canned.search')}
        value={query}
        onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
      />
      {state.cannedFailed && <p class="ws-error">{t('canned.error')}</p>}
      {list.length === 0 && !state.cannedFailed ? (
        <p class="ws-muted ws-small">{t('canned.empty')}</p>
      ) : (
        <ul class="ws-canned-list">
          {list.map((c) => (
            <li key={c.id}>
              <button type="button" class="ws-canned-item" disabled={!canInsert} onClick={() => onInsert(c.text)} title={c.text}>
                <span class="ws-canned-title">
                  {c.title}
                  <span class="ws-code">/{c.code}</span>
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

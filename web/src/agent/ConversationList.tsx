// Left column: the agent's conversations with previews, states and unread badges.

import { formatTime } from '../shared/i18n';
import type { ConversationItem, WorkspaceState } from './controller';
import type { AgentT } from './messages';

interface Props {
  state: WorkspaceState;
  t: AgentT;
  /** Select a conversation; `focusReply` moves the caret to its reply box. */
  onOpen: (id: string, focusReply: boolean) => void;
}

export function ConversationList({ state, t, onOpen }: Props) {
  const online = state.user?.status === 'online';

  // Arrow keys move between conversations (the list is one tab stop).
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const ids = state.items.map((i) => i.conv.id);
    if (ids.length === 0) return;
    const at = state.selectedId ? ids.indexOf(state.selectedId) : -1;
    const next = e.key === 'ArrowDown' ? Math.min(ids.length - 1, at + 1) : Math.max(0, at - 1);
    const id = ids[next];
    if (id) {
      onOpen(id, false);
      const el = (e.currentTarget as HTMLElement).querySelector<HTMLElement>(`[data-conversation="${id}"]`);
      el?.focus();
    }
  };

  return (
    <nav class="ws-list" aria-label={t('list.label')}>
      <h2 class="ws-list-title">
        {t('list.title')}
        <span class="ws-count">{state.items.filter((i) => i.conv.state !== 'closed').length}</span>
      </h2>
      {state.items.length === 0 ? (
        <p class="ws-list-empty">{online ? t('list.empty') : t('list.emptyOffline')}</p>
      ) : (
        <ul class="ws-list-items" role="listbox" aria-label={t('list.label')} onKeyDown={onKeyDown}>
          {state.items.map((item) => (
            <ListItem
              key={item.conv.id}
              item={item}
              selected={item.conv.id === state.selectedId}
              tabbable={item.conv.id === (state.selectedId ?? state.items[0]?.conv.id)}
              state={state}
              t={t}
              onSelect={() => onOpen(item.conv.id, true)}
            />
          ))}
        </ul>
      )}
    </nav>
  );
}

interface ItemProps {
  item: ConversationItem;
  selected: boolean;
  tabbable: boolean;
  state: WorkspaceState;
  t: AgentT;
  onSelect: () => void;
}

function ListItem({ item, selected, tabbable, state, t, onSelect }: ItemProps) {
  const { conv, unread } = item;
  return (
    <li
      role="option"
      aria-selected={selected}
      tabIndex={tabbable ? 0 : -1}
      data-conversation={conv.id}
      data-state={conv.state}
      class={`ws-item${selected ? ' is-selected' : ''}${conv.state === 'closed' ? ' is-closed' : ''}`}
      onClick={onSelect}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect();
        }
      }}
    >
      <div class="ws-avatar" aria-hidden="true">
        {conv.visitor.name.replace(/^访客\s*/, '').slice(0, 2) || '客'}
      </div>
      <div class="ws-item-main">
        <div class="ws-item-top">
          <span class="ws-item-name">{conv.visitor.name}</span>
          <time class="ws-item-time">{formatTime(item.lastAt, state.lang)}</time>
        </div>
        <div class="ws-item-bottom">
          <span class="ws-item-preview">
            {item.previewAuthor?.role === 'bot' && (
              <span class="ws-item-preview-author">
                {t('list.botPreview', { bot: item.previewAuthor.name || t('author.bot') })}
              </span>
            )}
            {item.preview ?? t('list.noMessages')}
          </span>
          {unread > 0 && (
            <span class="ws-badge" data-testid="unread-badge" aria-label={t('list.unread', { n: unread })}>
              {unread > 99 ? '99+' : unread}
            </span>
          )}
        </div>
        <div class="ws-item-meta">
          <span class={`ws-state ws-state-${conv.state}`}>{t(`state.${conv.state}`)}</span>
          <span class="ws-item-queue">{conv.queue.name}</span>
          {item.fromBot && <span class="ws-item-from-bot">{t('list.fromBot')}</span>}
        </div>
      </div>
    </li>
  );
}

// The signed-in workspace: top bar, conversation list, selected conversation, canned replies;
// for supervisors and administrators also the administration pages (hash routes).

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Agent, StatusCommand } from '../shared/protocol';
import { CannedAdminPage } from './canned/CannedAdminPage';
import { workspaceValues } from './canned/insert';
import { expandVariables } from './canned/variables';
import { CannedPanel } from './CannedPanel';
import { ClassificationPage } from './classify/ClassificationPage';
import { ClassifyService } from './classify/service';
import { WorkspaceAlerts } from './comfort/alerts';
import { AlertToggle, ShortcutHelp } from './comfort/TopBarTools';
import { useChatKeys } from './comfort/useChatKeys';
import type { WorkspaceController, WorkspaceState } from './controller';
import { ConversationList } from './ConversationList';
import { ConversationPane } from './ConversationPane';
import { AdminNav, AdminPages } from './kb/AdminPages';
import { isBoardRoute, isEditor, isKbRoute, routeHref, useAdminRoute, type AdminRoute } from './kb/route';
import { LangSelect } from './LangSelect';
import type { AgentT } from './messages';
import { BoardPage } from './routing/BoardPage';
import { RoutingPage } from './routing/RoutingPage';
import { SidePanel } from './side/SidePanel';

interface Props {
  controller: WorkspaceController;
  state: WorkspaceState;
  t: AgentT;
}

export function Workspace({ controller, state, t }: Props) {
  const selected = state.items.find((i) => i.conv.id === state.selectedId) ?? null;
  // The pane registers how to insert text at its caret; the canned panel calls it.
  const inserter = useRef<((text: string) => void) | null>(null);
  // Opening a chat by click or Enter puts the caret in the reply box; arrow keys keep it in the list.
  const [focusReply, setFocusReply] = useState(false);
  const open = (id: string, withFocus: boolean) => {
    setFocusReply(withFocus);
    controller.select(id);
  };
  // Supervisors and administrators also get the knowledge base and bot settings (#/kb, #/bot).
  const route = useAdminRoute(controller, state.user?.role);
  // Inquiry classification: settings and tree for the close dialog, repeat-contact alerts.
  const classify = useMemo(() => new ClassifyService(controller), [controller]);
  useEffect(() => () => classify.dispose(), [classify]);
  // Tone and desktop notification for new chats and messages; a click on one opens the chat.
  const alerts = useMemo(() => new WorkspaceAlerts(controller), [controller]);
  useEffect(() => () => alerts.dispose(), [alerts]);
  useEffect(() => {
    alerts.setOpener((id) => {
      // From an administration page, back to the conversations.
      if (route !== 'workspace') location.hash = routeHref('workspace');
      open(id, true);
    });
    alerts.setViewingWorkspace(route === 'workspace');
  });
  // Alt+↓/↑ (and Alt+Shift+↓ to the next unread) move between chats from anywhere.
  useChatKeys(state, open, route === 'workspace');

  return (
    <div class="ws-app">
      <TopBar controller={controller} state={state} t={t} route={route} alerts={alerts} />
      <ConnectionBanner controller={controller} state={state} t={t} />
      {state.notice && (
        <div class="ws-notice" role="status">
          <span>{t(state.notice.key, state.notice.params)}</span>
          <button type="button" class="ws-icon-btn" aria-label={t('notice.dismiss')} onClick={() => controller.dismissNotice()}>
            ×
          </button>
        </div>
      )}
      {route !== 'workspace' && state.user ? (
        isKbRoute(route) ? (
          <AdminPages route={route} lang={state.lang} role={state.user.role} />
        ) : route === 'canned' ? (
          <CannedAdminPage controller={controller} state={state} t={t} />
        ) : route === 'classification' ? (
          <ClassificationPage lang={state.lang} t={t} role={state.user.role} service={classify} />
        ) : isBoardRoute(route) ? (
          <BoardPage controller={controller} state={state} route={route} />
        ) : (
          <RoutingPage lang={state.lang} />
        )
      ) : (
        <div class={`ws-body${state.cannedOpen ? ' ws-with-canned' : ''}${selected ? ' ws-with-side' : ''}`}>
          <ConversationList state={state} t={t} onOpen={open} />
          <ConversationPane
            key={selected?.conv.id ?? 'none'}
            controller={controller}
            state={state}
            item={selected}
            autoFocus={focusReply}
            t={t}
            registerInserter={(fn) => (inserter.current = fn)}
            classify={classify}
          />
          {state.cannedOpen && (
            <CannedPanel
              state={state}
              t={t}
              canInsert={!!selected && selected.conv.state !== 'closed'}
              onInsert={(reply) =>
                inserter.current?.(expandVariables(reply.text, { ...workspaceValues(state, selected), now: new Date() }).text)
              }
              onClose={() => controller.setCannedOpen(false)}
            />
          )}
          {selected && (
            <SidePanel controller={controller} state={state} item={selected} t={t} onInsert={(text) => inserter.current?.(text)} />
          )}
        </div>
      )}
    </div>
  );
}

/** What an agent chooses; `wrap_up` is entered by the server and shown beside these. */
const STATUSES: readonly StatusCommand['status'][] = ['online', 'away', 'offline'];

/** Online at capacity (the server's `state`, derived for servers that do not send it). */
function isBusy(user: Agent): boolean {
  if (user.state) return user.state === 'busy';
  return user.status === 'online' && user.capacity > 0 && user.load >= user.capacity;
}

function TopBar({ controller, state, t, route, alerts }: Props & { route: AdminRoute; alerts: WorkspaceAlerts }) {
  const user = state.user;
  const current = user?.status ?? 'offline';
  const wrapUp = current === 'wrap_up';
  return (
    <header class="ws-topbar">
      <div class="ws-topbar-brand">
        <span class="ws-brand" aria-hidden="true">
          客
        </span>
        <span class="ws-topbar-title">{t('app.title')}</span>
        {state.tenant && (
          <span class="ws-tenant" title={t('top.tenant')}>
            {state.tenant.name}
          </span>
        )}
        {isEditor(user?.role) && <AdminNav route={route} lang={state.lang} role={user?.role} />}
      </div>

      {wrapUp && (
        <div class="ws-wrapup">
          <span class="ws-wrapup-label" role="status" title={t('status.wrapUpHint')}>
            <span class="ws-dot" aria-hidden="true" />
            {t('status.wrap_up')}
          </span>
          <button type="button" class="ws-btn kb-btn-sm ws-wrapup-end" onClick={() => controller.endWrapUp()}>
            {t('status.endWrapUp')}
          </button>
        </div>
      )}
      <div class="ws-status" role="radiogroup" aria-label={t('status.label')}>
        {STATUSES.map((s) => (
          <button
            key={s}
            type="button"
            role="radio"
            aria-checked={current === s}
            class={`ws-status-btn ws-status-${s}${current === s ? ' is-active' : ''}${
              state.desiredStatus === s && current !== s && !wrapUp ? ' is-pending' : ''
            }`}
            onClick={() => controller.setStatus(s)}
          >
            <span class="ws-dot" aria-hidden="true" />
            {t(`status.${s}`)}
          </button>
        ))}
      </div>

      <div class="ws-topbar-user">
        {user && isBusy(user) && (
          <span class="ws-busy" data-testid="ws-busy" title={t('status.busyHint', { capacity: user.capacity })}>
            {t('status.busy')}
          </span>
        )}
        {user && (
          <span class="ws-load" title={t('top.load', { load: user.load, capacity: user.capacity })}>
            {t('top.load', { load: user.load, capacity: user.capacity })}
          </span>
        )}
        {user && (
          <span class="ws-user">
            <span class="ws-user-name" data-testid="ws-user-name">
              {user.name}
            </span>
            {user.role !== 'agent' && (
              <span class={`ws-role ws-role-${user.role}`} data-testid="ws-role">
                {t(`role.${user.role}`)}
              </span>
            )}
          </span>
        )}
        {route === 'workspace' && (
          <button
            type="button"
            class={`ws-btn ws-btn-ghost${state.cannedOpen ? ' is-active' : ''}`}
            aria-pressed={state.cannedOpen}
            onClick={() => controller.setCannedOpen(!state.cannedOpen)}
          >
            {t('canned.toggle')}
          </button>
        )}
        <AlertToggle alerts={alerts} lang={state.lang} />
        {route === 'workspace' && <ShortcutHelp lang={state.lang} />}
        <LangSelect lang={state.lang} t={t} onChange={(l) => controller.setLang(l)} />
        <button type="button" class="ws-btn ws-btn-ghost" onClick={() => void controller.logout()}>
          {t('top.logout')}
        </button>
      </div>
    </header>
  );
}

function ConnectionBanner({ controller, state, t }: Props) {
  if (state.connection === 'open') return null;
  if (state.connection === 'connecting' && !state.everConnected) {
    return (
      <div class="ws-banner" role="status">
        {t('conn.connecting')}
      </div>
    );
  }
  return (
    <div class="ws-banner ws-banner-warn" role="status">
      <span>{state.connection === 'failed' ? t('conn.failed') : t('conn.waiting')}</span>
      {state.connection !== 'failed' && (
        <button type="button" class="ws-link-btn" onClick={() => controller.retryNow()}>
          {t('conn.retry')}
        </button>
      )}
    </div>
  );
}

// The supervisors' live board (#/board): per queue who waits, for how long, who can serve and
// the service level; per agent the state and load, with a control to change an agent's state
// and a view of their chats to reassign them. Live from `board` frames (GET /api/board paints
// first). The left messages are a second tab (#/board/messages).

import { useEffect, useState } from 'preact/hooks';
import { formatTime, type Lang } from '../../shared/i18n';
import type { Agent, QueueStats, StatusCommand } from '../../shared/protocol';
import { CommandError, type WorkspaceController, type WorkspaceState } from '../controller';
import { ErrorLine, Notice } from '../kb/Feedback';
import { errorText } from '../kb/messages';
import { routeHref, type BoardRoute } from '../kb/route';
import { AgentChatsDialog } from './AgentChatsDialog';
import { routingApi, type LeftMessage } from './api';
import { durationParts, stateOf, useNow } from './format';
import { commandErrorText, useRoutingT, type RoutingT } from './messages';
import { StatePill } from './TransferDialog';
import './routing.css';

interface Props {
  controller: WorkspaceController;
  state: WorkspaceState;
  route: BoardRoute;
}

export function BoardPage({ controller, state, route }: Props) {
  const t = useRoutingT(state.lang);
  const tabs: readonly [BoardRoute, string][] = [
    ['board', t('board.tab.live')],
    ['board-messages', t('board.tab.messages')],
  ];
  return (
    <main class="kb-main" aria-labelledby="rt-board-title">
      <div class="kb-page">
        <header class="kb-page-head">
          <h1 id="rt-board-title">{t('nav.board')}</h1>
          <nav class="kb-tabs" aria-label={t('board.tabs')}>
            {tabs.map(([target, label]) => (
              <a
                key={target}
                href={routeHref(target)}
                class={`kb-tab${route === target ? ' is-active' : ''}`}
                aria-current={route === target ? 'page' : undefined}
              >
                {label}
              </a>
            ))}
          </nav>
        </header>
        {route === 'board' ? (
          <LiveBoard controller={controller} state={state} t={t} />
        ) : (
          <LeftMessages t={t} lang={state.lang} />
        )}
      </div>
    </main>
  );
}

// -- live board -----------------------------------------------------------------------

function LiveBoard({ controller, state, t }: { controller: WorkspaceController; state: WorkspaceState; t: RoutingT }) {
  const [loadError, setLoadError] = useState<string | null>(null);
  const [chatsOf, setChatsOf] = useState<Agent | null>(null);
  const now = useNow(1000);

  useEffect(() => {
    controller.loadBoard().catch((e: unknown) => setLoadError(errorText(e, t)));
    // `t` only formats errors.
  }, [controller]);

  const board = state.board;
  return (
    <>
      <ErrorLine text={board ? null : loadError} />
      <section class="kb-section" aria-labelledby="rt-queues-title">
        <div class="kb-section-head">
          <h2 id="rt-queues-title">{t('board.queues')}</h2>
          <span class={`rt-live${state.connection === 'open' ? ' is-live' : ''}`}>
            {state.connection === 'open' ? t('board.live') : t('board.paused')}
          </span>
        </div>
        {!board ? (
          <p class="ws-muted">{t('common.loading')}</p>
        ) : (
          <QueuesTable queues={board.queues} now={now} t={t} />
        )}
      </section>
      <section class="kb-section" aria-labelledby="rt-agents-title">
        <div class="kb-section-head">
          <h2 id="rt-agents-title">{t('board.agents')}</h2>
        </div>
        {!board ? (
          <p class="ws-muted">{t('common.loading')}</p>
        ) : (
          <AgentsTable controller={controller} agents={board.agents} t={t} onShowChats={setChatsOf} />
        )}
      </section>
      {chatsOf && (
        <AgentChatsDialog
          controller={controller}
          lang={state.lang}
          agent={board?.agents.find((a) => a.id === chatsOf.id) ?? chatsOf}
          onClose={() => setChatsOf(null)}
        />
      )}
    </>
  );
}

function QueuesTable({ queues, now, t }: { queues: readonly QueueStats[]; now: number; t: RoutingT }) {
  if (queues.length === 0) return <p class="kb-empty">{t('board.noQueues')}</p>;
  return (
    <div class="kb-table-wrap">
      <table class="kb-table rt-board-table" aria-labelledby="rt-queues-title">
        <thead>
          <tr>
            <th scope="col">{t('board.col.queue')}</th>
            <th scope="col" class="kb-num">
              {t('board.col.waiting')}
            </th>
            <th scope="col" class="kb-num">
              {t('board.col.oldest')}
            </th>
            <th scope="col" class="kb-num">
              {t('board.col.available')}
            </th>
            <th scope="col">{t('board.col.serviceLevel')}</th>
          </tr>
        </thead>
        <tbody>
          {queues.map((q) => {
            const sl = q.service_level;
            const waitMs = q.oldest_queued_at === null ? null : now - q.oldest_queued_at;
            return (
              <tr key={q.id} data-queue={q.id}>
                <th scope="row">{q.name}</th>
                <td class={`kb-num${q.waiting > 0 ? ' rt-hot' : ''}`} data-testid="board-waiting">
                  {q.waiting}
                </td>
                <td class="kb-num" data-testid="board-oldest">
                  {waitMs === null || q.waiting === 0 ? '—' : duration(waitMs, t)}
                </td>
                <td class={`kb-num${q.available_agents === 0 ? ' rt-warn' : ''}`} data-testid="board-available">
                  {q.available_agents}
                </td>
                <td class="rt-sl" data-testid="board-sl">
                  {sl ? (
                    <>
                      <strong class={slClass(sl.percent)}>{sl.percent === null ? '—' : `${formatPercent(sl.percent)}%`}</strong>
                      <small class="ws-muted">
                        {t('board.sl.detail', { within: sl.within, answered: sl.answered, target: sl.target_s })}
                        {sl.abandoned > 0 ? ` · ${t('board.sl.abandoned', { n: sl.abandoned })}` : ''}
                      </small>
                    </>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const CHOOSABLE: readonly StatusCommand['status'][] = ['online', 'away', 'offline'];

interface AgentsProps {
  controller: WorkspaceController;
  agents: readonly Agent[];
  t: RoutingT;
  onShowChats: (agent: Agent) => void;
}

function AgentsTable({ controller, agents, t, onShowChats }: AgentsProps) {
  // The status just chosen for an agent, shown until the board reflects it.
  const [chosen, setChosen] = useState<Record<string, StatusCommand['status']>>({});
  const [busy, setBusy] = useState<Record<string, boolean>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    // Forget a choice once the board shows it (or the agent left the board).
    const left = Object.entries(chosen).filter(([id, status]) => {
      const agent = agents.find((a) => a.id === id);
      return agent && agent.status !== status;
    });
    if (left.length !== Object.keys(chosen).length) setChosen(Object.fromEntries(left));
  }, [agents]);

  const change = async (agent: Agent, status: StatusCommand['status']) => {
    setError(null);
    setDone(null);
    setChosen((c) => ({ ...c, [agent.id]: status }));
    setBusy((b) => ({ ...b, [agent.id]: true }));
    try {
      await controller.setAgentStatus(agent.id, status);
      setDone(t('board.stateSet', { name: agent.name, state: t(`state.${status}`) }));
    } catch (e) {
      setChosen((c) => {
        const next = { ...c };
        delete next[agent.id];
        return next;
      });
      const reason = e instanceof CommandError ? commandErrorText(e, t) : errorText(e, t);
      setError(t('board.stateError', { name: agent.name, message: reason }));
    } finally {
      setBusy((b) => ({ ...b, [agent.id]: false }));
    }
  };

  if (agents.length === 0) return <p class="kb-empty">{t('board.noAgents')}</p>;
  return (
    <>
      <Notice text={done} t={t} onDismiss={() => setDone(null)} />
      <ErrorLine text={error} />
      <div class="kb-table-wrap">
        <table class="kb-table rt-board-table" aria-labelledby="rt-agents-title">
          <thead>
            <tr>
              <th scope="col">{t('board.col.agent')}</th>
              <th scope="col">{t('board.col.state')}</th>
              <th scope="col" class="kb-num">
                {t('board.col.load')}
              </th>
              <th scope="col">{t('board.col.skills')}</th>
              <th scope="col" class="kb-actions">
                {t('common.actions')}
              </th>
            </tr>
          </thead>
          <tbody>
            {agents.map((agent) => {
              const state = stateOf(agent);
              const value = chosen[agent.id] ?? (CHOOSABLE.includes(agent.status as StatusCommand['status']) ? agent.status : '');
              return (
                <tr key={agent.id} data-agent={agent.id} data-state={state}>
                  <th scope="row">
                    <span class="rt-name">{agent.name}</span>
                    {agent.role !== 'agent' && <span class="kb-tag rt-role">{t(`role.${agent.role}`)}</span>}
                  </th>
                  <td>
                    <StatePill state={state} connected={agent.connected} t={t} />
                  </td>
                  <td class={`kb-num${state === 'busy' ? ' rt-warn' : ''}`}>
                    {t('board.load', { load: agent.load, capacity: agent.capacity })}
                  </td>
                  <td>
                    <Skills agent={agent} t={t} />
                  </td>
                  <td class="kb-actions">
                    <select
                      class="rt-select"
                      aria-label={t('board.setState', { name: agent.name })}
                      value={value}
                      disabled={busy[agent.id] === true}
                      onChange={(e) => {
                        const next = (e.currentTarget as HTMLSelectElement).value as StatusCommand['status'];
                        if (CHOOSABLE.includes(next)) void change(agent, next);
                      }}
                    >
                      {value === '' && (
                        <option value="" disabled>
                          {t(`state.${state}`)}
                        </option>
                      )}
                      {CHOOSABLE.map((s) => (
                        <option key={s} value={s}>
                          {t(`state.${s}`)}
                        </option>
                      ))}
                    </select>
                    <button
                      type="button"
                      class="ws-btn kb-btn-sm"
                      aria-haspopup="dialog"
                      aria-label={t('board.chatsOf', { name: agent.name })}
                      onClick={() => onShowChats(agent)}
                    >
                      {t('board.chats')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** An agent's skills with levels (the board and the routing page). */
export function Skills({ agent, t }: { agent: Agent; t: RoutingT }) {
  const skills = agent.skills ?? [];
  if (skills.length === 0) return <span class="ws-muted">—</span>;
  return (
    <span class="kb-tags rt-skills">
      {skills.map((s) => (
        <span key={s.name} class="kb-tag">
          {t('ra.skill', { name: s.name, level: s.level })}
        </span>
      ))}
    </span>
  );
}

// -- left messages --------------------------------------------------------------------

function LeftMessages({ t, lang }: { t: RoutingT; lang: Lang }) {
  const [messages, setMessages] = useState<LeftMessage[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = () => {
    setLoading(true);
    setError(null);
    routingApi
      .leftMessages(100)
      .then(setMessages, (e: unknown) => setError(errorText(e, t)))
      .finally(() => setLoading(false));
  };
  useEffect(load, []);

  return (
    <section class="kb-section" aria-labelledby="rt-left-title">
      <div class="kb-section-head">
        <h2 id="rt-left-title">{t('left.title')}</h2>
        <button type="button" class="ws-btn kb-btn-sm" disabled={loading} onClick={load}>
          {t('common.refresh')}
        </button>
      </div>
      <p class="ws-muted kb-help">{t('left.help')}</p>
      <ErrorLine text={error} />
      {messages === null ? (
        !error && <p class="ws-muted">{t('common.loading')}</p>
      ) : messages.length === 0 ? (
        <p class="kb-empty">{t('left.empty')}</p>
      ) : (
        <div class="kb-table-wrap">
          <table class="kb-table" aria-labelledby="rt-left-title" aria-busy={loading}>
            <thead>
              <tr>
                <th scope="col">{t('left.col.at')}</th>
                <th scope="col">{t('left.col.queue')}</th>
                <th scope="col">{t('left.col.visitor')}</th>
                <th scope="col">{t('left.col.contact')}</th>
                <th scope="col">{t('left.col.text')}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id}>
                  <td class="rt-nowrap">{formatTime(m.at, lang)}</td>
                  <td>{m.queue?.name ?? '—'}</td>
                  <th scope="row">
                    {m.name || m.visitor?.name || '—'}
                    {m.name && m.visitor?.name && m.name !== m.visitor.name && (
                      <small class="ws-muted rt-sub">{m.visitor.name}</small>
                    )}
                  </th>
                  <td class="rt-contact">{m.contact}</td>
                  <td class="rt-text">{m.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

// -- formatting -----------------------------------------------------------------------

function duration(ms: number, t: RoutingT): string {
  const { h, m, s } = durationParts(ms);
  if (h > 0) return t('dur.hm', { h, m });
  if (m > 0) return t('dur.ms', { m, s });
  return t('dur.s', { s });
}

function formatPercent(p: number): string {
  return Number.isInteger(p) ? String(p) : p.toFixed(1);
}

function slClass(p: number | null): string {
  if (p === null) return 'rt-sl-none';
  if (p >= 80) return 'rt-sl-good';
  if (p >= 60) return 'rt-sl-fair';
  return 'rt-sl-poor';
}

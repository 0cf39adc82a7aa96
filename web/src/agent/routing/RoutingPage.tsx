// Routing administration (#/routing, administrators): queues and their routing rules, agents'
// capacity, skills and queues, the tenant's wrap-up and disconnect settings, and the secret
// that signs verified visitor identities.

import { useEffect, useState } from 'preact/hooks';
import type { Lang } from '../../shared/i18n';
import type { Agent, Queue } from '../../shared/protocol';
import { Field } from '../kb/BotSettingsPage';
import { ErrorLine, Notice } from '../kb/Feedback';
import { errorText } from '../kb/messages';
import { AgentForm } from './AgentForm';
import { AutoMessagesSection } from './AutoMessagesSection';
import { Skills } from './BoardPage';
import { routingApi, type RoutingSettings } from './api';
import { intOf } from './format';
import { useRoutingT, type RoutingT } from './messages';
import { hoursSummary, QueueForm } from './QueueForm';
import './routing.css';

export function RoutingPage({ lang }: { lang: Lang }) {
  const t = useRoutingT(lang);
  const [queues, setQueues] = useState<Queue[] | null>(null);
  const [queuesError, setQueuesError] = useState<string | null>(null);

  const loadQueues = () => {
    setQueuesError(null);
    routingApi.queues().then(setQueues, (e: unknown) => setQueuesError(errorText(e, t)));
  };
  useEffect(loadQueues, []);

  return (
    <main class="kb-main" aria-labelledby="rt-routing-title">
      <div class="kb-page">
        <header class="kb-page-head">
          <h1 id="rt-routing-title">{t('nav.routing')}</h1>
        </header>
        <QueuesSection t={t} queues={queues} error={queuesError} onChange={setQueues} />
        <AgentsSection t={t} queues={queues ?? []} />
        <SettingsSection t={t} />
        <AutoMessagesSection t={t} />
        <IdentitySection t={t} />
      </div>
    </main>
  );
}

// -- queues ---------------------------------------------------------------------------

interface QueuesProps {
  t: RoutingT;
  queues: Queue[] | null;
  error: string | null;
  onChange: (queues: Queue[]) => void;
}

function QueuesSection({ t, queues, error, onChange }: QueuesProps) {
  // null: closed; 'new': creating; else the queue being edited.
  const [editing, setEditing] = useState<Queue | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = queues ?? [];
  const nameOf = (id: string | null) => list.find((q) => q.id === id)?.name ?? id ?? '';

  const onSaved = (saved: Queue) => {
    const exists = list.some((q) => q.id === saved.id);
    onChange(exists ? list.map((q) => (q.id === saved.id ? saved : q)) : [...list, saved]);
    setNotice(t(exists ? 'rq.updated' : 'rq.created', { name: saved.name }));
    setEditing(null);
  };

  return (
    <section class="kb-section" aria-labelledby="rt-queues-admin-title">
      <div class="kb-section-head">
        <h2 id="rt-queues-admin-title">{t('rq.title')}</h2>
        <button type="button" class="ws-btn ws-btn-primary kb-btn-sm" aria-haspopup="dialog" onClick={() => setEditing('new')}>
          {t('rq.new')}
        </button>
      </div>
      <p class="ws-muted kb-help">{t('rq.help')}</p>
      <Notice text={notice} t={t} onDismiss={() => setNotice(null)} />
      <ErrorLine text={error} />
      {queues === null ? (
        !error && <p class="ws-muted">{t('common.loading')}</p>
      ) : (
        <div class="kb-table-wrap">
          <table class="kb-table" aria-labelledby="rt-queues-admin-title">
            <thead>
              <tr>
                <th scope="col">{t('rq.col.name')}</th>
                <th scope="col">{t('rq.col.slug')}</th>
                <th scope="col">{t('rq.col.mode')}</th>
                <th scope="col">{t('rq.col.strategy')}</th>
                <th scope="col">{t('rq.col.skills')}</th>
                <th scope="col">{t('rq.col.overflow')}</th>
                <th scope="col">{t('rq.col.hours')}</th>
                <th scope="col" class="kb-actions">
                  {t('common.actions')}
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((q) => (
                <tr key={q.id} data-queue={q.slug}>
                  <th scope="row">{q.name}</th>
                  <td>
                    <code class="ws-code">{q.slug}</code>
                  </td>
                  <td>{q.bot_first ? t('rq.botFirst') : t('rq.humanFirst')}</td>
                  <td data-testid="queue-strategy">{q.strategy ? t(`strategy.${q.strategy}`) : '—'}</td>
                  <td>{(q.skills ?? []).length > 0 ? q.skills.join(', ') : '—'}</td>
                  <td>
                    {q.overflow_queue
                      ? t('rq.overflowTo', { queue: nameOf(q.overflow_queue), s: q.overflow_after_s })
                      : '—'}
                  </td>
                  <td>{hoursSummary(q.hours ?? null, t)}</td>
                  <td class="kb-actions">
                    <button
                      type="button"
                      class="ws-btn kb-btn-sm"
                      aria-haspopup="dialog"
                      aria-label={t('rq.edit', { name: q.name })}
                      onClick={() => setEditing(q)}
                    >
                      {t('common.edit')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <QueueForm
          t={t}
          queue={editing === 'new' ? null : editing}
          queues={list}
          onSaved={onSaved}
          onClose={() => setEditing(null)}
        />
      )}
    </section>
  );
}

// -- agents ---------------------------------------------------------------------------

function AgentsSection({ t, queues }: { t: RoutingT; queues: readonly Queue[] }) {
  const [users, setUsers] = useState<Agent[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Agent | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    routingApi.users().then(setUsers, (e: unknown) => setError(errorText(e, t)));
  }, []);

  const queueName = (id: string) => queues.find((q) => q.id === id)?.name ?? id;

  return (
    <section class="kb-section" aria-labelledby="rt-agents-admin-title">
      <div class="kb-section-head">
        <h2 id="rt-agents-admin-title">{t('ra.title')}</h2>
      </div>
      <p class="ws-muted kb-help">{t('ra.help')}</p>
      <Notice text={notice} t={t} onDismiss={() => setNotice(null)} />
      <ErrorLine text={error} />
      {users === null ? (
        !error && <p class="ws-muted">{t('common.loading')}</p>
      ) : (
        <div class="kb-table-wrap">
          <table class="kb-table" aria-labelledby="rt-agents-admin-title">
            <thead>
              <tr>
                <th scope="col">{t('ra.col.name')}</th>
                <th scope="col">{t('ra.col.role')}</th>
                <th scope="col" class="kb-num">
                  {t('ra.col.capacity')}
                </th>
                <th scope="col">{t('ra.col.skills')}</th>
                <th scope="col">{t('ra.col.queues')}</th>
                <th scope="col" class="kb-actions">
                  {t('common.actions')}
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} data-user={u.id}>
                  <th scope="row">
                    {u.name}
                    <small class="ws-muted rt-sub">{u.email}</small>
                  </th>
                  <td>{t(`role.${u.role}`)}</td>
                  <td class="kb-num">{u.capacity}</td>
                  <td>
                    <Skills agent={u} t={t} />
                  </td>
                  <td>{(u.queues ?? []).length === 0 ? '—' : (u.queues ?? []).map(queueName).join('、')}</td>
                  <td class="kb-actions">
                    <button
                      type="button"
                      class="ws-btn kb-btn-sm"
                      aria-haspopup="dialog"
                      aria-label={t('ra.edit', { name: u.name })}
                      onClick={() => setEditing(u)}
                    >
                      {t('common.edit')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <AgentForm
          t={t}
          agent={editing}
          queues={queues}
          onSaved={(saved) => {
            setUsers((list) => list?.map((u) => (u.id === saved.id ? { ...u, ...saved } : u)) ?? null);
            setNotice(t('ra.saved', { name: saved.name }));
            setEditing(null);
          }}
          onClose={() => setEditing(null)}
        />
      )}
    </section>
  );
}

// -- tenant settings --------------------------------------------------------------------

function SettingsSection({ t }: { t: RoutingT }) {
  const [wrapUp, setWrapUp] = useState<string | null>(null);
  const [grace, setGrace] = useState('');
  const [typingPreview, setTypingPreview] = useState(true);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const show = (s: RoutingSettings) => {
    setWrapUp(String(s.wrap_up_s));
    setGrace(String(s.disconnect_grace_s));
    setTypingPreview(s.typing_preview);
  };
  useEffect(() => {
    routingApi.settings().then(show, (e: unknown) => setLoadError(errorText(e, t)));
  }, []);

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy || wrapUp === null) return;
    const wrap = intOf(wrapUp, 0);
    const g = intOf(grace, 0);
    if (wrap === null || g === null) {
      setError(t('rs.err'));
      return;
    }
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      show(await routingApi.saveSettings({ wrap_up_s: wrap, disconnect_grace_s: g, typing_preview: typingPreview }));
      setSaved(true);
    } catch (err) {
      setError(t('qf.serverError', { message: errorText(err, t) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="kb-section" aria-labelledby="rt-settings-title">
      <h2 id="rt-settings-title">{t('rs.title')}</h2>
      {wrapUp === null ? (
        loadError ? <ErrorLine text={loadError} /> : <p class="ws-muted">{t('common.loading')}</p>
      ) : (
        <form class="kb-form" onSubmit={(e) => void onSubmit(e)} noValidate>
          <div class="kb-form-grid">
            <Field label={t('rs.wrapUp')} hint={t('rs.wrapUpHint')}>
              <input
                type="number"
                min={0}
                step={1}
                inputMode="numeric"
                value={wrapUp}
                onInput={(e) => {
                  setWrapUp((e.currentTarget as HTMLInputElement).value);
                  setSaved(false);
                }}
              />
            </Field>
            <Field label={t('rs.grace')} hint={t('rs.graceHint')}>
              <input
                type="number"
                min={0}
                step={1}
                inputMode="numeric"
                value={grace}
                onInput={(e) => {
                  setGrace((e.currentTarget as HTMLInputElement).value);
                  setSaved(false);
                }}
              />
            </Field>
            <label class="kb-check kb-span-2">
              <input
                type="checkbox"
                checked={typingPreview}
                onChange={(e) => {
                  setTypingPreview((e.currentTarget as HTMLInputElement).checked);
                  setSaved(false);
                }}
              />
              <span>{t('rs.typingPreview')}</span>
            </label>
          </div>
          <ErrorLine text={error} />
          <div class="rt-form-actions">
            {saved && (
              <span class="kb-saved" role="status">
                {t('rs.saved')}
              </span>
            )}
            <button type="submit" class="ws-btn ws-btn-primary" disabled={busy}>
              {busy ? t('common.saving') : t('rs.save')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

// -- identity secret --------------------------------------------------------------------

function IdentitySection({ t }: { t: RoutingT }) {
  const [secret, setSecret] = useState<string | null>(null);
  const [shown, setShown] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // The secret is fetched only when an administrator asks to see it.
  const toggle = async () => {
    if (shown) {
      setShown(false);
      return;
    }
    if (secret === null) {
      setBusy(true);
      setError(null);
      try {
        setSecret(await routingApi.identitySecret());
      } catch (e) {
        setError(errorText(e, t));
        setBusy(false);
        return;
      }
      setBusy(false);
    }
    setShown(true);
  };

  return (
    <section class="kb-section" aria-labelledby="rt-identity-title">
      <h2 id="rt-identity-title">{t('id.title')}</h2>
      <p class="ws-muted kb-help">{t('id.help')}</p>
      <div class="rt-secret">
        <span class="rt-secret-label" id="rt-secret-label">
          {t('id.secret')}
        </span>
        <code class="rt-secret-value" aria-labelledby="rt-secret-label" data-testid="identity-secret">
          {shown && secret !== null ? secret : t('id.masked')}
        </code>
        <button type="button" class="ws-btn kb-btn-sm" aria-pressed={shown} disabled={busy} onClick={() => void toggle()}>
          {shown ? t('id.hide') : t('id.reveal')}
        </button>
      </div>
      <p class="ws-muted ws-small">{t('id.warn')}</p>
      <ErrorLine text={error} />
    </section>
  );
}

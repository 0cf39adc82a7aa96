// The transfer dialog: hand a conversation to another agent (only available ones can be chosen)
// or to the front of a queue, with an optional note for whoever takes it over. Used by the
// assigned agent in the workspace and by supervisors reassigning from the board.

import { useEffect, useId, useState } from 'preact/hooks';
import type { Lang } from '../../shared/i18n';
import type { Conversation } from '../../shared/protocol';
import { CommandError, type TransferTarget, type WorkspaceController } from '../controller';
import { Modal } from '../kb/Dialog';
import { ErrorLine } from '../kb/Feedback';
import { errorText } from '../kb/messages';
import { routingApi, type TransferTargets } from './api';
import { isAvailable, stateOf } from './format';
import { commandErrorText, useRoutingT, type RoutingT } from './messages';

export const MAX_NOTE_CHARS = 500;

interface Props {
  controller: WorkspaceController;
  lang: Lang;
  conversation: Pick<Conversation, 'id' | 'visitor' | 'agent' | 'queue'>;
  onClose: () => void;
  /** After the server accepted the transfer. */
  onDone: () => void;
}

export function TransferDialog({ controller, lang, conversation, onClose, onDone }: Props) {
  const t = useRoutingT(lang);
  const [targets, setTargets] = useState<TransferTargets | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [choice, setChoice] = useState<string>('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const load = () => {
    setLoadError(null);
    routingApi.transferTargets().then(setTargets, (e: unknown) => setLoadError(t('transfer.loadError', { message: errorText(e, t) })));
  };
  useEffect(load, []);

  const current = conversation.agent?.id;
  const agents = (targets?.agents ?? []).filter((a) => a.id !== current);
  const queues = targets?.queues ?? [];

  const target = (): TransferTarget | null => {
    const [kind, value] = splitChoice(choice);
    if (kind === 'agent') {
      const agent = agents.find((a) => a.id === value);
      return agent ? { agent: agent.id, name: agent.name } : null;
    }
    if (kind === 'queue') {
      const queue = queues.find((q) => q.id === value);
      return queue ? { queue: queue.id, name: queue.name } : null;
    }
    return null;
  };

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const to = target();
    if (!to) {
      setError(t('transfer.pickTarget'));
      return;
    }
    if (note.trim().length > MAX_NOTE_CHARS) {
      setError(t('transfer.noteTooLong', { max: MAX_NOTE_CHARS }));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await controller.transfer(conversation.id, to, note);
      onDone();
    } catch (err) {
      setError(err instanceof CommandError ? commandErrorText(err, t) : errorText(err, t));
      setBusy(false);
      // A refused agent may have become unavailable: show the current picture.
      if (err instanceof CommandError && err.code === 'agent_unavailable') load();
    }
  };

  const noteLength = note.trim().length;
  return (
    <Modal title={t('transfer.title')} t={t} onClose={onClose} wide>
      <form class="kb-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <div class="kb-dialog-body rt-dialog-body">
          <p class="rt-transfer-subject">
            {conversation.agent
              ? t('transfer.subjectWithAgent', { visitor: conversation.visitor.name, agent: conversation.agent.name })
              : t('transfer.subject', { visitor: conversation.visitor.name })}
          </p>
          {loadError && (
            <div class="rt-inline-error">
              <ErrorLine text={loadError} />
              <button type="button" class="ws-btn kb-btn-sm" onClick={load}>
                {t('common.refresh')}
              </button>
            </div>
          )}
          {!targets && !loadError && <p class="ws-muted">{t('common.loading')}</p>}
          {targets && (
            <div class="rt-targets">
              <fieldset class="rt-target-group">
                <legend>{t('transfer.toAgent')}</legend>
                {agents.length === 0 && <p class="ws-muted rt-empty">{t('transfer.noAgents')}</p>}
                {agents.map((agent) => {
                  const available = isAvailable(agent);
                  const state = stateOf(agent);
                  const value = `agent:${agent.id}`;
                  return (
                    <label key={agent.id} class={`rt-target${available ? '' : ' is-disabled'}${choice === value ? ' is-active' : ''}`}>
                      <input
                        type="radio"
                        name={`${id}-target`}
                        value={value}
                        checked={choice === value}
                        disabled={!available || busy}
                        onChange={() => setChoice(value)}
                      />
                      <span class="rt-target-name">{agent.name}</span>
                      <StatePill state={state} connected={agent.connected} t={t} />
                      <span class="rt-target-load">{t('transfer.load', { load: agent.load, capacity: agent.capacity })}</span>
                      {!available && <span class="rt-target-why">{t('transfer.unavailable')}</span>}
                    </label>
                  );
                })}
              </fieldset>
              <fieldset class="rt-target-group">
                <legend>{t('transfer.toQueue')}</legend>
                {queues.length === 0 && <p class="ws-muted rt-empty">{t('transfer.noQueues')}</p>}
                {queues.map((queue) => {
                  const value = `queue:${queue.id}`;
                  return (
                    <label key={queue.id} class={`rt-target${choice === value ? ' is-active' : ''}`}>
                      <input
                        type="radio"
                        name={`${id}-target`}
                        value={value}
                        checked={choice === value}
                        disabled={busy}
                        onChange={() => setChoice(value)}
                      />
                      <span class="rt-target-name">{queue.name}</span>
                      <span class="rt-target-load">{t('transfer.waiting', { n: queue.waiting })}</span>
                    </label>
                  );
                })}
              </fieldset>
            </div>
          )}
          <div class="kb-field rt-note">
            <label for={`${id}-note`}>{t('transfer.note')}</label>
            <textarea
              id={`${id}-note`}
              rows={3}
              maxLength={MAX_NOTE_CHARS}
              value={note}
              aria-describedby={`${id}-note-hint`}
              onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)}
            />
            <small id={`${id}-note-hint`} class="ws-muted">
              {t('transfer.noteHint', { n: noteLength, max: MAX_NOTE_CHARS })}
            </small>
          </div>
          <ErrorLine text={error} />
        </div>
        <div class="kb-dialog-actions">
          <button type="button" class="ws-btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="ws-btn ws-btn-primary" disabled={busy || !targets || choice === ''}>
            {busy ? t('transfer.sending') : t('transfer.submit')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** An agent's state as a coloured label ("未连接" added for an online agent without a connection). */
export function StatePill({ state, connected, t }: { state: string; connected?: boolean; t: RoutingT }) {
  const label = t(stateKey(state));
  return (
    <span class={`rt-state rt-state-${state}`} data-state={state}>
      <span class="ws-dot" aria-hidden="true" />
      {label}
      {connected === false && state !== 'offline' ? t('state.notConnected') : ''}
    </span>
  );
}

function stateKey(state: string) {
  switch (state) {
    case 'online':
      return 'state.online' as const;
    case 'busy':
      return 'state.busy' as const;
    case 'away':
      return 'state.away' as const;
    case 'wrap_up':
      return 'state.wrap_up' as const;
    default:
      return 'state.offline' as const;
  }
}

function splitChoice(choice: string): [string, string] {
  const at = choice.indexOf(':');
  return at < 0 ? ['', ''] : [choice.slice(0, at), choice.slice(at + 1)];
}

// A supervisor's view of one agent's open chats, from the board: read a transcript and reassign
// a chat to another agent or a queue with the transfer dialog.

import { useEffect, useMemo, useState } from 'preact/hooks';
import { formatTime, type Lang } from '../../shared/i18n';
import type { Agent, Conversation, KefuEvent } from '../../shared/protocol';
import { systemText, transferNote } from '../../shared/system';
import { api, ApiError } from '../api';
import type { WorkspaceController } from '../controller';
import { Modal } from '../kb/Dialog';
import { ErrorLine } from '../kb/Feedback';
import { errorText } from '../kb/messages';
import { agentTranslator } from '../messages';
import { routingApi } from './api';
import { useRoutingT, type RoutingT } from './messages';
import { TransferDialog } from './TransferDialog';

interface Props {
  controller: WorkspaceController;
  lang: Lang;
  agent: Agent;
  onClose: () => void;
}

export function AgentChatsDialog({ controller, lang, agent, onClose }: Props) {
  const t = useRoutingT(lang);
  const [chats, setChats] = useState<Conversation[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [moving, setMoving] = useState<Conversation | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const load = () => {
    setError(null);
    routingApi.agentConversations(agent.id).then(
      (list) => setChats(list),
      (e: unknown) => {
        setChats(null);
        setError(e instanceof ApiError && e.status === 404 ? t('chats.unsupported') : errorText(e, t));
      },
    );
  };
  // Reload when the agent's load changes (a chat came or went).
  useEffect(load, [agent.id, agent.load]);

  return (
    <Modal title={t('chats.title', { name: agent.name })} t={t} onClose={onClose} wide>
      <div class="kb-dialog-body rt-dialog-body">
        {done && (
          <p class="kb-notice" role="status">
            <span>{done}</span>
          </p>
        )}
        <ErrorLine text={error} />
        {chats === null ? (
          !error && <p class="ws-muted">{t('common.loading')}</p>
        ) : chats.length === 0 ? (
          <p class="kb-empty">{t('chats.empty')}</p>
        ) : (
          <ul class="rt-chats" aria-label={t('chats.title', { name: agent.name })}>
            {chats.map((c) => (
              <li key={c.id} class="rt-chat" data-conversation={c.id}>
                <div class="rt-chat-head">
                  <div class="rt-chat-title">
                    <strong>{c.visitor.name}</strong>
                    <span class="ws-muted ws-small">
                      {t('chats.meta', { queue: c.queue.name, time: formatTime(c.created_at, lang) })}
                    </span>
                  </div>
                  <button
                    type="button"
                    class="ws-btn kb-btn-sm"
                    aria-expanded={open === c.id}
                    aria-label={t(open === c.id ? 'chats.hideOf' : 'chats.viewOf', { visitor: c.visitor.name })}
                    onClick={() => setOpen(open === c.id ? null : c.id)}
                  >
                    {open === c.id ? t('chats.hide') : t('chats.view')}
                  </button>
                  <button
                    type="button"
                    class="ws-btn ws-btn-primary kb-btn-sm"
                    aria-haspopup="dialog"
                    aria-label={t('chats.transferOf', { visitor: c.visitor.name })}
                    onClick={() => setMoving(c)}
                  >
                    {t('chats.transfer')}
                  </button>
                </div>
                {open === c.id && <ChatTranscript conversation={c} lang={lang} t={t} />}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div class="kb-dialog-actions">
        <button type="button" class="ws-btn" onClick={load}>
          {t('common.refresh')}
        </button>
        <button type="button" class="ws-btn" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      {moving && (
        <TransferDialog
          controller={controller}
          lang={lang}
          conversation={moving}
          onClose={() => setMoving(null)}
          onDone={() => {
            setDone(t('chats.moved', { visitor: moving.visitor.name }));
            setMoving(null);
            load();
          }}
        />
      )}
    </Modal>
  );
}

/** The conversation so far, read-only (GET /api/conversations/{id}/events). */
function ChatTranscript({ conversation, lang, t }: { conversation: Conversation; lang: Lang; t: RoutingT }) {
  const [events, setEvents] = useState<KefuEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const at = useMemo(() => agentTranslator(lang), [lang]);

  useEffect(() => {
    api.events(conversation.id, 0).then(setEvents, (e: unknown) => setError(errorText(e, t)));
  }, [conversation.id]);

  if (error) return <ErrorLine text={error} />;
  if (!events) return <p class="ws-muted">{t('common.loading')}</p>;
  return (
    <div class="rt-transcript" role="log" tabIndex={0} aria-label={t('chats.transcript', { visitor: conversation.visitor.name })}>
      {events.length === 0 && <p class="ws-muted">{t('chats.noMessages')}</p>}
      {events.map((ev) => {
        if (ev.kind === 'system') {
          const text = systemText(ev, at);
          if (!text) return null;
          const note = transferNote(ev);
          return (
            <p key={ev.seq} class="rt-line rt-line-system">
              <time>{formatTime(ev.at, lang)}</time>
              <span>
                {text}
                {note !== '' && ` · ${at('transfer.note', { note })}`}
              </span>
            </p>
          );
        }
        return (
          <p key={ev.seq} class={`rt-line rt-line-${ev.author.role}`}>
            <time>{formatTime(ev.at, lang)}</time>
            <span class="rt-line-author">{ev.author.name}</span>
            <span class="rt-line-text">{ev.text}</span>
          </p>
        );
      })}
    </div>
  );
}

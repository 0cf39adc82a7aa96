// Main column: the selected conversation's header, transcript and reply box.

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { formatTime, type Lang } from '../shared/i18n';
import type { OutgoingMessage } from '../shared/outgoing';
import type { BotInfo, KefuEvent, MessageEvent, NoticeEvent, SystemEvent, TransferredEvent } from '../shared/protocol';
import { useAutosize } from '../shared/ui/autosize';
import { isSendEnter } from '../shared/ui/keys';
import { useStickToBottom } from '../shared/ui/scroll';
import { systemText, transferNote } from '../shared/system';
import { AddSimilarDialog } from './AddSimilarDialog';
import type { CannedReply } from './api';
import { CannedPopup, optionId, POPUP_ID } from './canned/CannedPopup';
import { workspaceValues } from './canned/insert';
import { matchCanned, slashQueryAt } from './canned/match';
import { SaveCannedDialog } from './canned/SaveCannedDialog';
import { expandVariables, type VariableValues } from './canned/variables';
import type { ConversationItem, WorkspaceController, WorkspaceState } from './controller';
import type { AgentMessageKey, AgentT } from './messages';
import { TransferDialog } from './routing/TransferDialog';
import { useStore } from '../shared/store';
import { ClassifyDialog, type DialogMode } from './classify/ClassifyDialog';
import { ClosedNote } from './classify/ClosedNote';
import { RepeatBanner } from './classify/RepeatBanner';
import type { ClassifyService } from './classify/service';
import { CommandError } from './controller';
import { HighlightScope, Hl, SearchBar, SearchButton, useTranscriptSearch } from './comfort/TranscriptSearch';

interface Props {
  controller: WorkspaceController;
  state: WorkspaceState;
  item: ConversationItem | null;
  /** Put the caret in the reply box when the pane opens. */
  autoFocus: boolean;
  t: AgentT;
  registerInserter: (fn: ((text: string) => void) | null) => void;
  /** Inquiry classification: settings, the close dialog's tree, repeat-contact alerts. */
  classify: ClassifyService;
}

export function ConversationPane({ controller, state, item, autoFocus, t, registerInserter, classify }: Props) {
  if (!item) {
    return (
      <main class="ws-pane ws-pane-empty">
        <p>{t('pane.empty')}</p>
      </main>
    );
  }
  const { conv } = item;
  const closed = conv.state === 'closed';
  const events = state.transcripts[conv.id] ?? [];
  const outgoing = state.outgoing.filter((m) => m.conversation === conv.id);
  // The visitor message being added to the knowledge base as a similar question, if any.
  const [similarOf, setSimilarOf] = useState<string | null>(null);
  const [transferring, setTransferring] = useState(false);
  // The close dialog (choose the classification, then end) or the classify-afterwards dialog.
  const [classifying, setClassifying] = useState<{ mode: DialogMode; error: string | null } | null>(null);
  const [closeError, setCloseError] = useState<string | null>(null);
  const classifyState = useStore(classify.store);
  const repeat = classifyState.repeats[conv.id];
  // The agent's sent message being saved as a canned reply, if any.
  const [cannedOf, setCannedOf] = useState<string | null>(null);
  const [cannedSaved, setCannedSaved] = useState<string | null>(null);
  const me = state.user;
  const values = workspaceValues(state, item);
  // The assigned agent hands the chat on to a colleague or a queue.
  const canTransfer = !!me && conv.state === 'assigned';
  // Search in this transcript (header button, Ctrl/⌘+F).
  const search = useTranscriptSearch(conv.id, events, outgoing);

  return (
    <main class="ws-pane" aria-label={t('pane.transcript', { visitor: conv.visitor.name })}>
      <header class="ws-pane-header">
        <div class="ws-pane-title">
          <h2>{conv.visitor.name}</h2>
          <p class="ws-muted">
            <span class={`ws-state ws-state-${conv.state}`}>{t(`state.${conv.state}`)}</span>
            <span>{t('pane.queue', { queue: conv.queue.name })}</span>
            <span>{t('pane.started', { time: formatTime(conv.created_at, state.lang) })}</span>
          </p>
        </div>
        <SearchButton search={search} lang={state.lang} />
        {canTransfer && (
          <button type="button" class="ws-btn" aria-haspopup="dialog" onClick={() => setTransferring(true)}>
            {t('pane.transfer')}
          </button>
        )}
        {closed ? (
          <button type="button" class="ws-btn" onClick={() => controller.dismiss(conv.id)}>
            {t('pane.dismiss')}
          </button>
        ) : (
          <button
            type="button"
            class="ws-btn ws-btn-danger"
            aria-haspopup={classify.required() ? 'dialog' : undefined}
            onClick={() => {
              setCloseError(null);
              // Required: choose first. Otherwise end at once (classify afterwards if wanted);
              // should the server refuse because the rule just changed, the dialog opens.
              if (classify.required()) {
                setClassifying({ mode: 'close', error: null });
                return;
              }
              controller.closeWith(conv.id).catch((err: unknown) => {
                if (err instanceof CommandError && err.code === 'classification_required') {
                  setClassifying({ mode: 'close', error: t('classify.err.required') });
                } else {
                  setCloseError(t('classify.closeFailed', { message: err instanceof Error ? err.message : String(err) }));
                }
              });
            }}
          >
            {t('pane.close')}
          </button>
        )}
      </header>
      <SearchBar search={search} lang={state.lang} />
      {closeError && (
        <p class="ws-error cl-close-error" role="alert">
          {closeError}
        </p>
      )}
      {repeat && <RepeatBanner repeat={repeat} lang={state.lang} t={t} />}
      <HighlightScope search={search}>
        <Transcript
          conversationId={conv.id}
          events={events}
          outgoing={outgoing}
          lang={state.lang}
          userId={state.user?.id}
          t={t}
          onAddSimilar={setSimilarOf}
          onSaveCanned={(text) => {
            setCannedSaved(null);
            setCannedOf(text);
          }}
        />
      </HighlightScope>
      {!closed && state.typing[conv.id] && (
        // Not a live region: a screen reader would read every keystroke.
        <div class="ws-typing" data-testid="typing-preview" aria-label={t('typing.label')}>
          <span class="ws-typing-badge">{t('typing.badge')}</span>
          <span class="ws-typing-text">{state.typing[conv.id]?.text}</span>
        </div>
      )}
      {cannedSaved && (
        <div class="cn-saved" role="status">
          <span>{t('canned.saved', { code: cannedSaved })}</span>
          <button type="button" class="ws-icon-btn" aria-label={t('canned.admin.close')} onClick={() => setCannedSaved(null)}>
            ×
          </button>
        </div>
      )}
      {closed ? (
        <div class="ws-closed-banner" role="status">
          <span>{t('pane.closedBanner')}</span>
          <ClosedNote
            conversation={conv}
            state={classifyState}
            t={t}
            onClassify={() => setClassifying({ mode: 'classify', error: null })}
          />
        </div>
      ) : (
        <Composer
          controller={controller}
          conversationId={conv.id}
          draft={state.drafts[conv.id] ?? ''}
          canned={state.canned ?? []}
          values={values}
          autoFocus={autoFocus}
          t={t}
          registerInserter={registerInserter}
        />
      )}
      {classifying && (
        <ClassifyDialog
          controller={controller}
          service={classify}
          lang={state.lang}
          t={t}
          conversation={conv}
          mode={classifying.mode}
          initialError={classifying.error}
          onClose={() => setClassifying(null)}
          onDone={() => setClassifying(null)}
        />
      )}
      {similarOf !== null && (
        <AddSimilarDialog question={similarOf} csrf={controller.csrfToken()} t={t} onClose={() => setSimilarOf(null)} />
      )}
      {cannedOf !== null && (
        <SaveCannedDialog
          text={cannedOf}
          customerName={conv.visitor.name}
          categories={state.cannedCategories}
          canShare={me?.role === 'supervisor' || me?.role === 'admin'}
          lang={state.lang}
          t={t}
          onClose={() => setCannedOf(null)}
          onSaved={(code) => {
            setCannedOf(null);
            setCannedSaved(code);
            void controller.loadCanned();
          }}
        />
      )}
      {transferring && (
        <TransferDialog
          controller={controller}
          lang={state.lang}
          conversation={conv}
          onClose={() => setTransferring(false)}
          onDone={() => setTransferring(false)}
        />
      )}
    </main>
  );
}

interface TranscriptProps {
  conversationId: string;
  events: readonly KefuEvent[];
  outgoing: readonly OutgoingMessage[];
  lang: Lang;
  userId: string | undefined;
  t: AgentT;
  /** Offer a visitor message to the knowledge base as a similar question. */
  onAddSimilar: (text: string) => void;
  /** Keep one of the agent's own sent messages as a canned reply. */
  onSaveCanned: (text: string) => void;
}

function Transcript({ conversationId, events, outgoing, lang, userId, t, onAddSimilar, onSaveCanned }: TranscriptProps) {
  const ref = useRef<HTMLDivElement>(null);
  useStickToBottom(ref, events.length * 1000 + outgoing.length, conversationId);
  return (
    <div class="ws-transcript" ref={ref} role="log" aria-live="polite" tabIndex={0}>
      {events.map((ev, i) => {
        if (ev.kind === 'system') return <SystemLine key={ev.seq} ev={ev} lang={lang} t={t} />;
        const prev = events[i - 1];
        const sameAuthor = prev?.kind === 'message' && prev.author.id === ev.author.id && prev.author.role === ev.author.role;
        if (ev.author.role === 'bot') {
          return <BotMessage key={ev.seq} ev={ev} showMeta={!sameAuthor} lang={lang} t={t} />;
        }
        const mine = ev.author.role === 'agent';
        const visitor = ev.author.role === 'visitor';
        return (
          <div key={ev.seq} class={`ws-msg ${mine ? 'ws-msg-mine' : 'ws-msg-theirs'}`} data-author={ev.author.role} data-seq={ev.seq}>
            {!sameAuthor && (
              <div class="ws-msg-meta">
                <span>{mine && ev.author.id === userId ? t('author.you') : ev.author.name}</span>
                <time>{formatTime(ev.at, lang)}</time>
              </div>
            )}
            {visitor ? (
              <div class="ws-msg-line">
                <div class="ws-bubble">
                  <Hl k={ev.seq} text={ev.text} />
                </div>
                <button type="button" class="ws-msg-action ws-link-btn ws-small" onClick={() => onAddSimilar(ev.text)}>
                  {t('similar.action')}
                </button>
              </div>
            ) : mine && ev.author.id === userId ? (
              <div class="ws-msg-line ws-msg-line-mine">
                <button type="button" class="ws-msg-action ws-link-btn ws-small" onClick={() => onSaveCanned(ev.text)}>
                  {t('canned.saveAction')}
                </button>
                <div class="ws-bubble">
                  <Hl k={ev.seq} text={ev.text} />
                </div>
              </div>
            ) : (
              <div class="ws-bubble">
                <Hl k={ev.seq} text={ev.text} />
              </div>
            )}
          </div>
        );
      })}
      {outgoing.map((m) => (
        <div key={m.id} class={`ws-msg ws-msg-mine${m.pending ? ' is-pending' : ''}`} data-author="agent" data-pending={m.pending ? 'true' : 'false'}>
          <div class="ws-bubble">
            <Hl k={m.id} text={m.text} />
          </div>
          {m.pending && <div class="ws-msg-status">{t('msg.sending')}</div>}
        </div>
      ))}
    </div>
  );
}

/** A system event as a centred line; a transfer also says who moved it and shows the note. */
function SystemLine({ ev, lang, t }: { ev: SystemEvent; lang: Lang; t: AgentT }) {
  const text = systemText(ev, t);
  if (!text) return null;
  if (ev.code === 'notice') {
    const purpose = (ev as NoticeEvent).purpose ?? 'wait';
    return (
      <div class="ws-system" data-code="notice" data-purpose={purpose} data-seq={ev.seq}>
        <span>{t(purpose === 'wait' ? 'sys.notice' : 'sys.auto', { text })}</span>
        <time>{formatTime(ev.at, lang)}</time>
      </div>
    );
  }
  if (ev.code !== 'transferred') {
    return (
      <div class="ws-system" data-code={ev.code} data-seq={ev.seq}>
        <span>{text}</span>
        <time>{formatTime(ev.at, lang)}</time>
      </div>
    );
  }
  const tr = ev as TransferredEvent;
  const note = transferNote(tr);
  return (
    <div class={`ws-system ws-system-transfer ws-transfer-by-${tr.by}`} data-code="transferred" data-by={tr.by} data-seq={ev.seq}>
      <div class="ws-system-line">
        {tr.by === 'supervisor' && <span class="ws-sys-badge">{t('transfer.bySupervisor')}</span>}
        <span>{text}</span>
        {tr.from && tr.by !== 'overflow' && <span class="ws-sys-from">{t('transfer.from', { agent: tr.from.name })}</span>}
        <time>{formatTime(ev.at, lang)}</time>
      </div>
      {note !== '' && <p class="ws-transfer-note">{t('transfer.note', { note })}</p>}
    </div>
  );
}

interface BotMessageProps {
  ev: MessageEvent;
  showMeta: boolean;
  lang: Lang;
  t: AgentT;
}

/** A bot turn as the agent sees it: what the visitor read, plus what the bot did and why. */
function BotMessage({ ev, showMeta, lang, t }: BotMessageProps) {
  const bot = ev.bot;
  return (
    <div class="ws-msg ws-msg-mine ws-msg-bot" data-author="bot" data-seq={ev.seq} data-bot-kind={bot?.kind}>
      {showMeta && (
        <div class="ws-msg-meta">
          <span class="ws-bot-badge">{t('bot.badge')}</span>
          <span>{ev.author.name || t('author.bot')}</span>
          <time>{formatTime(ev.at, lang)}</time>
        </div>
      )}
      <div class="ws-bubble">
        <Hl k={ev.seq} text={ev.text} />
      </div>
      {bot && <BotDetails bot={bot} t={t} />}
    </div>
  );
}

function BotDetails({ bot, t }: { bot: BotInfo; t: AgentT }) {
  switch (bot.kind) {
    case 'answer':
      return (
        <p class="ws-bot-note">
          {t(bot.waiting ? 'bot.answerWaiting' : 'bot.answer', {
            question: bot.question,
            confidence: Math.round((bot.confidence ?? 0) * 100),
          })}
        </p>
      );
    case 'clarify':
      return (
        <ul class="ws-bot-choices" aria-label={t('bot.choices')}>
          {(bot.choices ?? []).map((c) => (
            <li key={c.entry_id}>{c.question}</li>
          ))}
        </ul>
      );
    case 'unknown':
      return <p class="ws-bot-note">{t('bot.unknown')}</p>;
    case 'offer':
    case 'transfer': {
      const reason = t(bot.kind === 'offer' ? 'bot.offer' : 'bot.transfer', { reason: reasonLabel(bot.reason, t) });
      return (
        <p class={`ws-bot-note ws-bot-reason ws-bot-${bot.kind}`}>
          {reason}
          {bot.detail ? <span class="ws-bot-detail">{` · ${bot.detail}`}</span> : null}
        </p>
      );
    }
    default:
      return null;
  }
}

const REASONS = new Set(['explicit_request', 'visitor_button', 'consecutive_misses', 'not_helpful', 'negative_tone']);

/** The readable label of a handoff reason (a code this client does not know is shown as is). */
function reasonLabel(reason: string, t: AgentT): string {
  if (REASONS.has(reason)) return t(`reason.${reason}` as AgentMessageKey);
  return t('reason.other', { reason });
}

interface ComposerProps {
  controller: WorkspaceController;
  conversationId: string;
  draft: string;
  canned: readonly CannedReply[];
  /** What canned replies' variables stand for in this conversation ({date}/{time}: now). */
  values: VariableValues;
  autoFocus: boolean;
  t: AgentT;
  registerInserter: (fn: ((text: string) => void) | null) => void;
}

/** How many canned replies the "/code" popup offers at most. */
const POPUP_LIMIT = 8;

function Composer({ controller, conversationId, draft, canned, values, autoFocus, t, registerInserter }: ComposerProps) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const [active, setActive] = useState(0);
  const [suggestionsClosed, setSuggestionsClosed] = useState(false);
  // Where the caret is: the "/code" popup follows the token under it.
  const [caret, setCaret] = useState(draft.length);
  useAutosize(ref, draft, 200);

  const setDraft = (text: string) => controller.setDraft(conversationId, text);

  const placeCaret = (pos: number) => {
    setCaret(pos);
    requestAnimationFrame(() => {
      const el = ref.current;
      if (!el) return;
      el.focus();
      el.setSelectionRange(pos, pos);
    });
  };

  // Insert text at the caret (replacing any selection), then put the caret after it.
  const insertAtCaret = (text: string) => {
    const el = ref.current;
    const value = el?.value ?? draft;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    setDraft(value.slice(0, start) + text + value.slice(end));
    placeCaret(start + text.length);
  };

  useEffect(() => {
    registerInserter((text) => insertAtCaret(text));
    return () => registerInserter(null);
  });

  useEffect(() => {
    if (autoFocus) ref.current?.focus();
    // Only when a conversation is opened, not on every render.
  }, [conversationId]);

  // A "/code" at the caret (at the start of the box or after a space) offers canned replies.
  const slash = slashQueryAt(draft, Math.min(caret, draft.length));
  const suggestions = useMemo(
    () => (slash ? matchCanned(canned, slash.query, POPUP_LIMIT) : []),
    [slash?.query, slash === null, canned],
  );
  const showSuggestions = slash !== null && !suggestionsClosed && (suggestions.length > 0 || slash.query !== '');
  const choosing = showSuggestions && suggestions.length > 0;
  const activeIndex = Math.min(active, Math.max(suggestions.length - 1, 0));

  // Replace the "/code" being typed with the chosen reply, its variables filled in.
  const pick = (c: CannedReply) => {
    const token = slashQueryAt(draft, Math.min(caret, draft.length));
    if (!token) return;
    const text = expandVariables(c.text, { ...values, now: new Date() }).text;
    setSuggestionsClosed(false);
    setActive(0);
    setDraft(draft.slice(0, token.start) + text + draft.slice(token.start + token.query.length + 1));
    placeCaret(token.start + text.length);
  };

  const trackCaret = (e: Event) => setCaret((e.currentTarget as HTMLTextAreaElement).selectionStart ?? 0);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.isComposing) return;
    if (choosing) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const n = suggestions.length;
        setActive((a) => (e.key === 'ArrowDown' ? (Math.min(a, n - 1) + 1) % n : (Math.min(a, n - 1) - 1 + n) % n));
        return;
      }
      if ((e.key === 'Enter' && !e.shiftKey) || e.key === 'Tab') {
        const c = suggestions[activeIndex];
        if (c) {
          e.preventDefault();
          pick(c);
          return;
        }
      }
    }
    if (showSuggestions && e.key === 'Escape') {
      e.preventDefault();
      setSuggestionsClosed(true);
      return;
    }
    if (isSendEnter(e)) {
      e.preventDefault();
      controller.sendReply(conversationId);
    }
  };

  return (
    <form
      class="ws-composer"
      onSubmit={(e) => {
        e.preventDefault();
        controller.sendReply(conversationId);
        ref.current?.focus();
      }}
    >
      {showSuggestions && slash && (
        <CannedPopup
          query={slash.query}
          matches={suggestions}
          active={activeIndex}
          values={values}
          t={t}
          onPick={pick}
          onHover={setActive}
        />
      )}
      <textarea
        ref={ref}
        class="ws-input"
        rows={2}
        value={draft}
        aria-label={t('reply.label')}
        placeholder={t('reply.placeholder')}
        aria-autocomplete="list"
        aria-controls={choosing ? POPUP_ID : undefined}
        aria-activedescendant={choosing ? optionId(activeIndex) : undefined}
        onInput={(e) => {
          setSuggestionsClosed(false);
          setActive(0);
          trackCaret(e);
          setDraft((e.currentTarget as HTMLTextAreaElement).value);
        }}
        onKeyUp={(e) => {
          // Keys the popup handled moved the caret themselves (or not at all).
          if (['Enter', 'Tab', 'Escape'].includes(e.key)) return;
          if (choosing && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) return;
          trackCaret(e);
        }}
        onClick={trackCaret}
        onKeyDown={onKeyDown}
      />
      <div class="ws-composer-bar">
        <span class="ws-muted ws-small">{t('reply.hint')}</span>
        <button type="submit" class="ws-btn ws-btn-primary" disabled={draft.trim() === ''}>
          {t('reply.send')}
        </button>
      </div>
    </form>
  );
}

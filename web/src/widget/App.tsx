// The visitor chat widget: a launcher button and a chat panel.

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { formatTime, LANG_NAMES, LANGS, type Lang } from '../shared/i18n';
import {
  autoMessageOf,
  botInfo,
  type KbQuestionRef,
  type KefuEvent,
  type MessageEvent,
  type QueueStatusFrame,
  type WelcomeBot,
} from '../shared/protocol';
import { useAutosize } from '../shared/ui/autosize';
import { isSendEnter } from '../shared/ui/keys';
import { useStickToBottom } from '../shared/ui/scroll';
import { useStore } from '../shared/store';
import { systemText } from '../shared/system';
import {
  LEAVE_LIMITS,
  ratingKey,
  type ConversationView,
  type LeaveOffer,
  type OutgoingMessage,
  type WidgetController,
  type WidgetState,
} from './controller';
import { widgetTranslator, type WidgetT } from './messages';

interface Props {
  controller: WidgetController;
}

export function WidgetApp({ controller }: Props) {
  const state = useStore(controller.store);
  const t = useMemo(() => widgetTranslator(state.lang), [state.lang]);
  const launcherRef = useRef<HTMLButtonElement>(null);

  const close = () => {
    controller.setOpen(false);
    launcherRef.current?.focus();
  };

  return (
    <div class={`kf-root${state.open ? ' kf-is-open' : ''}`} lang={state.lang}>
      {state.open && <Panel controller={controller} state={state} t={t} onClose={close} />}
      <button
        ref={launcherRef}
        type="button"
        class="kf-launcher"
        aria-label={state.open ? t('launcher.close') : t('launcher.open')}
        aria-expanded={state.open}
        onClick={() => controller.setOpen(!state.open)}
      >
        {state.open ? <IconChevronDown /> : <IconChat />}
        {!state.open && state.unseen > 0 && (
          <span class="kf-launcher-badge" aria-label={t('launcher.unread', { n: state.unseen })}>
            {state.unseen > 99 ? '99+' : state.unseen}
          </span>
        )}
      </button>
    </div>
  );
}

interface PanelProps extends Props {
  state: WidgetState;
  t: WidgetT;
  onClose: () => void;
}

function Panel({ controller, state, t, onClose }: PanelProps) {
  const open = controller.openConversation();
  const latest = state.conversations[state.conversations.length - 1];
  // Outside business hours with nothing open in a human-first queue: a message can be left, no
  // chat started. (A bot-first queue's bot still answers; people are offered via HoursBanner.)
  const afterHours = !open && state.leave?.reason === 'hours' && !state.leave.dismissible;
  // The bot serves a visitor of a bot-first queue until a person takes over.
  const botServes = state.bot !== null && !afterHours && (!open || open.state === 'bot');

  let subtitle = t('header.subtitle.idle');
  if (afterHours) {
    subtitle = t('header.subtitle.hours');
  } else if (open?.state === 'assigned' && open.agent) {
    subtitle = t('header.subtitle.assigned', { agent: open.agent.name });
  } else if (botServes) {
    subtitle = t('header.subtitle.bot', { bot: state.bot?.name || t('author.bot') });
  } else if (open) {
    subtitle = t('header.subtitle.queued');
  } else if (latest?.state === 'closed') {
    subtitle = t('header.subtitle.closed');
  }

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
    }
  };

  return (
    <section class="kf-panel" role="dialog" aria-label={t('panel.label')} onKeyDown={onKeyDown}>
      <header class="kf-header">
        <div class="kf-header-avatar" aria-hidden="true">
          {open?.agent && open.state === 'assigned' ? open.agent.name.slice(0, 1) : botServes ? <IconBot /> : <IconHeadset />}
        </div>
        <div class="kf-header-text">
          <h2 class="kf-title">{t('header.title')}</h2>
          <p class="kf-subtitle" data-testid="kefu-subtitle">
            {subtitle}
          </p>
        </div>
        <div class="kf-header-actions">
          {open?.state === 'bot' && (
            <button
              type="button"
              class="kf-handoff-btn"
              data-testid="kefu-handoff"
              disabled={state.handoffPending}
              aria-busy={state.handoffPending}
              onClick={() => controller.handoff()}
            >
              {t('header.handoff')}
            </button>
          )}
          <label class="kf-lang">
            <span class="kf-visually-hidden">{t('lang.label')}</span>
            <select
              value={state.lang}
              onChange={(e) => controller.setLang((e.currentTarget as HTMLSelectElement).value as Lang)}
            >
              {LANGS.map((l) => (
                <option key={l} value={l}>
                  {LANG_NAMES[l]}
                </option>
              ))}
            </select>
          </label>
          <button type="button" class="kf-icon-btn" aria-label={t('header.minimize')} title={t('header.minimize')} onClick={onClose}>
            <IconMinimize />
          </button>
        </div>
      </header>

      {open && (
        <div class="kf-toolbar">
          <button type="button" class="kf-end-btn" onClick={() => controller.endConversation()}>
            {t('header.end')}
          </button>
        </div>
      )}

      {open?.state === 'queued' && !state.fatal && <QueueStatusBox key={open.id} controller={controller} view={open} state={state} t={t} />}

      <ConnectionBanner controller={controller} state={state} t={t} />

      {state.fatal ? (
        <div class="kf-fatal" role="alert">
          {t(state.fatal)}
        </div>
      ) : (
        <Transcript controller={controller} state={state} t={t} greet={!afterHours} />
      )}

      {state.notice && (
        <div class="kf-notice" role="status">
          <span>{t(state.notice.key, state.notice.params)}</span>
          <button type="button" class="kf-notice-close" aria-label={t('notice.dismiss')} onClick={() => controller.dismissNotice()}>
            ×
          </button>
        </div>
      )}

      {!state.fatal && !state.leave && state.queue?.open === false && botServes && (
        <HoursBanner controller={controller} state={state} t={t} />
      )}

      {!state.fatal &&
        (state.leave ? (
          <LeaveBlock controller={controller} state={state} leave={state.leave} t={t} />
        ) : (
          <Composer controller={controller} state={state} t={t} hasOpen={!!open} />
        ))}
      <div class="kf-footer">{t('poweredBy')}</div>
    </section>
  );
}

function ConnectionBanner({ controller, state, t }: { controller: WidgetController; state: WidgetState; t: WidgetT }) {
  if (state.fatal || state.connection === 'open') return null;
  if (state.connection === 'connecting' && !state.everConnected) {
    return <div class="kf-banner" role="status">{t('conn.connecting')}</div>;
  }
  if (state.connection === 'failed') {
    return <div class="kf-banner kf-banner-warn" role="status">{t('conn.failed')}</div>;
  }
  return (
    <div class="kf-banner kf-banner-warn" role="status" data-testid="kefu-offline">
      <span>{t('conn.waiting')}</span>
      <button type="button" class="kf-link-btn" onClick={() => controller.retryNow()}>
        {t('conn.retry')}
      </button>
    </div>
  );
}

interface TranscriptProps {
  controller: WidgetController;
  state: WidgetState;
  t: WidgetT;
  /** Greet when the next message would start a conversation (not outside business hours). */
  greet: boolean;
}

function Transcript({ controller, state, t, greet }: TranscriptProps) {
  const ref = useRef<HTMLDivElement>(null);
  const count =
    state.conversations.reduce((n, c) => n + c.events.length, 0) * 1000 + state.outgoing.length;
  useStickToBottom(ref, count);
  const last = state.conversations[state.conversations.length - 1];
  const hasOpen = !!last && last.state !== 'closed';

  return (
    <div class="kf-transcript" ref={ref} role="log" aria-live="polite" aria-label={t('transcript.label')}>
      {state.conversations.map((c, i) => (
        <ConversationBlock key={c.id} controller={controller} view={c} first={i === 0} open={c === last && hasOpen} state={state} t={t} />
      ))}
      {last?.state === 'closed' && state.outgoing.length === 0 && <p class="kf-hint">{t('closed.hint')}</p>}
      {/* The next message starts a conversation: greet with the bot, or the plain greeting. */}
      {!greet ? null : state.bot && !hasOpen ? (
        <BotGreeting bot={state.bot} t={t} />
      ) : (
        state.conversations.length === 0 && (
          <div class="kf-row kf-row-theirs">
            <div class="kf-bubble">{t('greeting')}</div>
          </div>
        )
      )}
      {state.outgoing.map((m) => (
        <Outgoing key={m.id} message={m} t={t} />
      ))}
    </div>
  );
}

/** The bot's greeting: a local bubble, not an event. */
function BotGreeting({ bot, t }: { bot: WelcomeBot; t: WidgetT }) {
  return (
    <div class="kf-row kf-row-theirs kf-row-bot" data-author="bot" data-local="greeting" data-testid="kefu-greeting">
      <div class="kf-author">{bot.name || t('author.bot')}</div>
      <div class="kf-bubble">{bot.greeting || t('greeting')}</div>
    </div>
  );
}

interface BlockProps {
  controller: WidgetController;
  view: ConversationView;
  first: boolean;
  /** The visitor's open conversation (the last one, not closed). */
  open: boolean;
  state: WidgetState;
  t: WidgetT;
}

function ConversationBlock({ controller, view, first, open, state, t }: BlockProps) {
  // The open conversation the bot serves (or served) starts with the bot's greeting.
  const greet = open && state.bot !== null && (view.state === 'bot' || view.events.some((e) => botInfo(e) !== null));
  return (
    <div class="kf-conversation" data-conversation={view.id}>
      {!first && (
        <div class="kf-divider" role="separator">
          <span>
            {t('transcript.newConversation')} · {formatTime(view.startedAt, state.lang)}
          </span>
        </div>
      )}
      {greet && state.bot && <BotGreeting bot={state.bot} t={t} />}
      {view.events.map((ev, i) => (
        <EventRow key={ev.seq} controller={controller} view={view} ev={ev} prev={view.events[i - 1]} state={state} t={t} />
      ))}
    </div>
  );
}

interface EventRowProps {
  controller: WidgetController;
  view: ConversationView;
  ev: KefuEvent;
  prev: KefuEvent | undefined;
  state: WidgetState;
  t: WidgetT;
}

function EventRow({ controller, view, ev, prev, state, t }: EventRowProps) {
  const lang = state.lang;
  const auto = autoMessageOf(ev);
  if (auto) {
    // Said on the agent's behalf (greeting, closing, reminder): the customer reads it from them.
    return (
      <div class="kf-row kf-row-theirs kf-row-auto" data-author="agent" data-purpose={auto.purpose} data-seq={ev.seq}>
        <div class="kf-author">{auto.agent?.name || t('author.agent')}</div>
        <div class="kf-bubble" title={formatTime(ev.at, lang)}>
          {auto.text}
        </div>
      </div>
    );
  }
  if (ev.kind === 'system') {
    const text = systemText(ev, t);
    if (!text) return null;
    // While the bot keeps the conversation, a notice means it could not hand over (the queue is
    // full or closed; wait notices come only while queued): offer to leave a message.
    const offer =
      ev.code === 'notice' &&
      view.state === 'bot' &&
      !state.leave &&
      !view.events.some((e) => e.seq > ev.seq && e.kind === 'system' && e.code === 'notice');
    return (
      <div class="kf-system" data-code={ev.code}>
        {text}
        {offer && (
          <>
            {' '}
            <button type="button" class="kf-link-btn" onClick={() => controller.leaveMessageNow()}>
              {t('leave.offer')}
            </button>
          </>
        )}
      </div>
    );
  }
  const mine = ev.author.role === 'visitor';
  // Show the agent's name above the first of consecutive messages from them.
  const showName =
    !mine && !(prev && prev.kind === 'message' && prev.author.role === ev.author.role && prev.author.id === ev.author.id);
  if (ev.author.role === 'bot') {
    return <BotRow controller={controller} view={view} ev={ev} showName={showName} state={state} t={t} />;
  }
  return (
    <div class={`kf-row ${mine ? 'kf-row-mine' : 'kf-row-theirs'}`} data-author={ev.author.role} data-seq={ev.seq}>
      {showName && <div class="kf-author">{ev.author.name || t('author.agent')}</div>}
      <div class="kf-bubble" title={formatTime(ev.at, lang)}>
        {ev.text}
      </div>
    </div>
  );
}

interface BotRowProps {
  controller: WidgetController;
  view: ConversationView;
  ev: MessageEvent;
  showName: boolean;
  state: WidgetState;
  t: WidgetT;
}

/** A bot message: its text, plus what the visitor can do with it (rate, pick, ask for a person). */
function BotRow({ controller, view, ev, showName, state, t }: BotRowProps) {
  const bot = ev.bot;
  const withBot = view.state === 'bot';
  const name = ev.author.name || state.bot?.name || state.selfService?.name || t('author.bot');
  // An answer given while the visitor waits for a person: the queue goes on.
  const selfService = bot?.kind === 'answer' && bot.waiting === true;
  let extra = null;
  if (bot?.kind === 'answer' && view.state !== 'closed') {
    const rated = state.ratings[ratingKey(view.id, ev.seq)];
    extra =
      rated !== undefined ? (
        <div class="kf-bot-thanks">{t('bot.thanks')}</div>
      ) : (
        <div class="kf-bot-actions" role="group" aria-label={t('bot.rate')}>
          <button type="button" class="kf-chip" onClick={() => controller.rate(view.id, ev.seq, true)}>
            {t('bot.helpful')}
          </button>
          <button type="button" class="kf-chip" onClick={() => controller.rate(view.id, ev.seq, false)}>
            {t('bot.notHelpful')}
          </button>
        </div>
      );
  } else if (bot?.kind === 'clarify' && Array.isArray(bot.choices) && bot.choices.length > 0) {
    extra = (
      <div class="kf-bot-choices" role="group" aria-label={t('bot.choices')}>
        {bot.choices.map((c) => (
          <button key={c.entry_id} type="button" class="kf-choice" disabled={!withBot} onClick={() => controller.send(c.question)}>
            {c.question}
          </button>
        ))}
      </div>
    );
  } else if (bot?.kind === 'offer' && withBot) {
    extra = (
      <div class="kf-bot-actions">
        <button
          type="button"
          class="kf-chip kf-chip-primary"
          disabled={state.handoffPending}
          onClick={() => controller.handoff()}
        >
          {t('bot.handoff')}
        </button>
      </div>
    );
  }
  return (
    <div
      class="kf-row kf-row-theirs kf-row-bot"
      data-author="bot"
      data-seq={ev.seq}
      data-bot-kind={bot?.kind}
      data-self-service={selfService ? 'true' : undefined}
    >
      {showName && <div class="kf-author">{name}</div>}
      <div class="kf-bubble" title={formatTime(ev.at, state.lang)}>
        {ev.text}
      </div>
      {selfService && <div class="kf-bot-note">{t('bot.selfServiceNote')}</div>}
      {extra}
    </div>
  );
}

// -- waiting in the queue --------------------------------------------------------------

/** 「您前面还有 N 位客户」 / 「下一位就是您」. */
function positionText(status: QueueStatusFrame, t: WidgetT): string {
  const ahead = Math.max(0, Math.floor(status.position) - 1);
  return ahead === 0 ? t('queue.next') : t('queue.ahead', { n: ahead });
}

/** The estimated wait in whole minutes (rounded up), or null while the server has no estimate. */
function etaText(status: QueueStatusFrame, t: WidgetT): string | null {
  const s = status.estimated_wait_s;
  if (typeof s !== 'number' || !Number.isFinite(s) || s < 0) return null;
  if (s < 60) return t('queue.etaShort');
  return t('queue.eta', { m: Math.ceil(s / 60) });
}

interface QueueStatusProps {
  controller: WidgetController;
  /** The open conversation, queued. */
  view: ConversationView;
  state: WidgetState;
  t: WidgetT;
}

/** The visitor's place in line while queued, and leaving the queue (after a confirmation). */
function QueueStatusBox({ controller, view, state, t }: QueueStatusProps) {
  const status = state.queueStatus?.conversation === view.id ? state.queueStatus : null;
  const eta = status ? etaText(status, t) : null;
  const [confirming, setConfirming] = useState(false);
  const leaveRef = useRef<HTMLButtonElement>(null);
  const stayRef = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);

  // Focus follows the confirmation: the safe choice when it opens, the button when it closes.
  useEffect(() => {
    if (confirming) {
      asked.current = true;
      stayRef.current?.focus();
    } else if (asked.current) {
      leaveRef.current?.focus();
    }
  }, [confirming]);

  return (
    <div class="kf-queue" data-testid="kefu-queue">
      <div
        class="kf-queue-status"
        role="status"
        aria-live="polite"
        aria-atomic="true"
        aria-label={t('queue.label')}
        data-position={status ? status.position : undefined}
        data-waiting={status ? status.waiting : undefined}
      >
        {status ? (
          <>
            <span class="kf-queue-position">{positionText(status, t)}</span>
            {eta && <span class="kf-queue-eta">{eta}</span>}
          </>
        ) : (
          <span class="kf-queue-position">{t('queue.pending')}</span>
        )}
      </div>
      {state.selfService && (
        <p class="kf-queue-self" data-testid="kefu-self-service">
          {t('queue.selfService')}
        </p>
      )}
      {confirming ? (
        <div class="kf-queue-confirm" role="group" aria-labelledby="kf-queue-confirm-text">
          <p id="kf-queue-confirm-text">{t('queue.leaveConfirm')}</p>
          <div class="kf-queue-confirm-actions">
            <button ref={stayRef} type="button" class="kf-chip" onClick={() => setConfirming(false)}>
              {t('queue.leaveNo')}
            </button>
            <button
              type="button"
              class="kf-chip kf-chip-danger"
              onClick={() => {
                asked.current = false;
                setConfirming(false);
                controller.leaveQueue();
              }}
            >
              {t('queue.leaveYes')}
            </button>
          </div>
        </div>
      ) : (
        <button ref={leaveRef} type="button" class="kf-queue-leave" onClick={() => setConfirming(true)}>
          {t('queue.leave')}
        </button>
      )}
    </div>
  );
}

// -- leaving a message ---------------------------------------------------------------

/** The next opening in the visitor's language and time zone: the time today, else with the date. */
function formatOpening(ms: number, lang: string, now: number = Date.now()): string {
  const d = new Date(ms);
  const sameDay = new Date(now).toDateString() === d.toDateString();
  const opts: Intl.DateTimeFormatOptions = sameDay
    ? { hour: '2-digit', minute: '2-digit' }
    : { month: 'long', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit' };
  try {
    return new Intl.DateTimeFormat(lang, opts).format(d);
  } catch {
    return d.toLocaleString();
  }
}

/** Outside business hours while the bot serves: when people are back, and leaving them a message. */
function HoursBanner({ controller, state, t }: { controller: WidgetController; state: WidgetState; t: WidgetT }) {
  const opensAt = state.queue?.opens_at ?? null;
  return (
    <div class="kf-hours" data-testid="kefu-hours">
      <span>
        {t('hours.banner')}
        {opensAt !== null && <> {t('leave.opensAt', { time: formatOpening(opensAt, state.lang) })}</>}
      </span>
      <button type="button" class="kf-link-btn" onClick={() => controller.leaveMessageNow()}>
        {t('leave.offer')}
      </button>
    </div>
  );
}

interface LeaveProps {
  controller: WidgetController;
  state: WidgetState;
  leave: LeaveOffer;
  t: WidgetT;
}

/**
 * In place of the composer: why there is no chat now (a full queue, outside business hours),
 * and a form to leave a message for the team.
 */
function LeaveBlock({ controller, state, leave, t }: LeaveProps) {
  const opensAt = leave.reason === 'queue_full' ? null : leave.opensAt;
  const refused = leave.reason !== 'hours';
  const offerRef = useRef<HTMLButtonElement>(null);
  const continueRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // The composer (or the form) went away: keep the focus in the widget, on what comes next.
    if (leave.sent) continueRef.current?.focus();
    else if (refused && !leave.formOpen) offerRef.current?.focus();
  }, [refused, leave.formOpen, leave.sent]);

  return (
    <section class="kf-leave" aria-labelledby="kf-leave-title" data-testid="kefu-leave" data-reason={leave.reason}>
      <div class="kf-leave-head" role={refused ? 'alert' : undefined}>
        <h3 id="kf-leave-title" class="kf-leave-title">
          {t(`leave.title.${leave.reason}`)}
        </h3>
        {opensAt !== null && (
          <p class="kf-leave-reason" data-testid="kefu-opens-at">
            {t('leave.opensAt', { time: formatOpening(opensAt, state.lang) })}
          </p>
        )}
      </div>
      <div class="kf-leave-live" role="status" aria-live="polite">
        {leave.sent && <p class="kf-leave-sent">{t('leave.sent')}</p>}
      </div>
      {leave.sent ? (
        leave.dismissible && (
          <div class="kf-leave-actions">
            <button ref={continueRef} type="button" class="kf-chip" onClick={() => controller.dismissLeave()}>
              {t('leave.continue')}
            </button>
          </div>
        )
      ) : leave.formOpen ? (
        <LeaveForm controller={controller} state={state} leave={leave} t={t} />
      ) : (
        <>
          <p class="kf-leave-intro">{t('leave.intro')}</p>
          <div class="kf-leave-actions">
            <button type="button" class="kf-chip" onClick={() => controller.dismissLeave()}>
              {t('leave.back')}
            </button>
            <button ref={offerRef} type="button" class="kf-chip kf-chip-primary" onClick={() => controller.openLeaveForm()}>
              {t('leave.offer')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function LeaveForm({ controller, state, leave, t }: LeaveProps) {
  const [name, setName] = useState('');
  const [contact, setContact] = useState('');
  const [text, setText] = useState(leave.draft);
  const [errors, setErrors] = useState<{ contact?: string; text?: string }>({});
  const contactRef = useRef<HTMLInputElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const pending = state.leavePending;

  useEffect(() => {
    // Opened from a refusal's button: start typing at once (not up front, outside hours).
    if (leave.reason !== 'hours') contactRef.current?.focus();
  }, [leave.reason]);

  const submit = (e: Event) => {
    e.preventDefault();
    if (pending) return;
    const found: { contact?: string; text?: string } = {};
    if (contact.trim() === '') found.contact = t('leave.err.contact');
    const body = text.trim();
    if (body === '') found.text = t('leave.err.text');
    else if (body.length > LEAVE_LIMITS.text) found.text = t('leave.err.textLong', { max: LEAVE_LIMITS.text, n: body.length });
    setErrors(found);
    if (found.contact) contactRef.current?.focus();
    else if (found.text) textRef.current?.focus();
    else controller.leaveMessage({ name, contact, text });
  };

  return (
    <form class="kf-leave-form" aria-label={t('leave.formLabel')} noValidate onSubmit={submit}>
      {leave.reason === 'hours' && <p class="kf-leave-intro">{t('leave.intro')}</p>}
      <label class="kf-field">
        <span class="kf-field-label">{t('leave.name')}</span>
        <input
          type="text"
          class="kf-field-input"
          value={name}
          maxLength={LEAVE_LIMITS.name}
          autoComplete="name"
          onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)}
        />
      </label>
      <label class="kf-field">
        <span class="kf-field-label">
          {t('leave.contact')}
          <span class="kf-required" aria-hidden="true">
            {' '}*
          </span>
        </span>
        <input
          ref={contactRef}
          type="text"
          class="kf-field-input"
          value={contact}
          maxLength={LEAVE_LIMITS.contact}
          placeholder={t('leave.contactHint')}
          required
          aria-required="true"
          aria-invalid={errors.contact ? 'true' : undefined}
          aria-describedby={errors.contact ? 'kf-leave-contact-error' : undefined}
          onInput={(e) => setContact((e.currentTarget as HTMLInputElement).value)}
        />
      </label>
      {errors.contact && (
        <p id="kf-leave-contact-error" class="kf-field-error">
          {errors.contact}
        </p>
      )}
      <label class="kf-field">
        <span class="kf-field-label">
          {t('leave.text')}
          <span class="kf-required" aria-hidden="true">
            {' '}*
          </span>
        </span>
        <textarea
          ref={textRef}
          class="kf-field-input kf-field-textarea"
          rows={3}
          value={text}
          required
          aria-required="true"
          aria-invalid={errors.text ? 'true' : undefined}
          aria-describedby={errors.text ? 'kf-leave-text-error' : undefined}
          onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)}
        />
      </label>
      {errors.text && (
        <p id="kf-leave-text-error" class="kf-field-error">
          {errors.text}
        </p>
      )}
      {leave.error && (
        <p class="kf-field-error" role="alert">
          {t(leave.error.key, leave.error.params)}
        </p>
      )}
      <div class="kf-leave-actions">
        {leave.dismissible && (
          <button type="button" class="kf-chip" onClick={() => controller.dismissLeave()}>
            {t('leave.back')}
          </button>
        )}
        <button type="submit" class="kf-chip kf-chip-primary" disabled={pending} aria-busy={pending}>
          {pending ? t('leave.sending') : t('leave.submit')}
        </button>
      </div>
    </form>
  );
}

function Outgoing({ message, t }: { message: OutgoingMessage; t: WidgetT }) {
  const pending = message.pending;
  return (
    <div class={`kf-row kf-row-mine${pending ? ' kf-pending' : ''}`} data-author="visitor" data-pending={pending ? 'true' : 'false'}>
      <div class="kf-bubble">{message.text}</div>
      {pending && <div class="kf-status">{t('msg.sending')}</div>}
    </div>
  );
}

function Composer({ controller, state, t, hasOpen }: { controller: WidgetController; state: WidgetState; t: WidgetT; hasOpen: boolean }) {
  const [draft, setDraft] = useState('');
  const ref = useRef<HTMLTextAreaElement>(null);
  useAutosize(ref, draft, 120);

  useEffect(() => {
    ref.current?.focus();
  }, []);

  // A refused message comes back into an empty composer.
  useEffect(() => {
    if (state.returnedText !== null) {
      setDraft((d) => (d.trim() === '' ? state.returnedText ?? '' : d));
      controller.clearReturnedText();
    }
  }, [state.returnedText, controller]);

  const submit = () => {
    if (controller.send(draft)) setDraft('');
    ref.current?.focus();
  };

  // Suggestions (关键字联想): none is active until the visitor moves with the arrow keys,
  // so Enter sends what they typed unless they chose a suggestion.
  const suggestions = state.suggestions;
  const [active, setActive] = useState(-1);
  useEffect(() => setActive(-1), [suggestions]);
  const showSuggestions = suggestions.length > 0 && draft.trim() !== '';

  const pick = (s: KbQuestionRef) => {
    if (controller.send(s.question)) setDraft('');
    ref.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (showSuggestions) {
      const n = suggestions.length;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setActive((a) => (e.key === 'ArrowDown' ? (a + 1) % n : a <= 0 ? n - 1 : a - 1));
        return;
      }
      const chosen = suggestions[active];
      if (chosen && isSendEnter(e)) {
        e.preventDefault();
        pick(chosen);
        return;
      }
      if (e.key === 'Escape') {
        // Close the list, not the panel.
        e.preventDefault();
        e.stopPropagation();
        controller.hideSuggestions();
        return;
      }
    }
    if (isSendEnter(e)) {
      e.preventDefault();
      submit();
    }
  };

  const startsNew = !hasOpen && state.conversations.length > 0;
  const activeId = showSuggestions && active >= 0 ? `kf-suggestion-${active}` : undefined;
  return (
    <form
      class="kf-composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {showSuggestions && (
        <div class="kf-suggestions">
          <div class="kf-suggestions-title" aria-hidden="true">
            {t('suggest.label')}
          </div>
          <ul id="kf-suggestions" role="listbox" aria-label={t('suggest.label')}>
            {suggestions.map((s, i) => (
              <li
                key={`${s.entry_id}|${s.question}`}
                id={`kf-suggestion-${i}`}
                role="option"
                aria-selected={i === active}
                class={`kf-suggestion${i === active ? ' is-active' : ''}`}
                // Keep the focus in the input (its blur hides the list) and choose on click.
                onMouseDown={(e) => e.preventDefault()}
                onMouseEnter={() => setActive(i)}
                onClick={() => pick(s)}
              >
                {s.question}
              </li>
            ))}
          </ul>
        </div>
      )}
      <textarea
        ref={ref}
        class="kf-input"
        rows={1}
        value={draft}
        aria-label={t('composer.label')}
        aria-autocomplete={state.bot?.suggestions ? 'list' : undefined}
        aria-controls={showSuggestions ? 'kf-suggestions' : undefined}
        aria-activedescendant={activeId}
        placeholder={startsNew ? t('composer.placeholderNew') : t('composer.placeholder')}
        title={t('composer.hint')}
        onInput={(e) => {
          const text = (e.currentTarget as HTMLTextAreaElement).value;
          setDraft(text);
          controller.typing(text);
        }}
        onBlur={() => controller.hideSuggestions()}
        onKeyDown={onKeyDown}
      />
      <button type="submit" class="kf-send" disabled={draft.trim() === ''} aria-label={t('composer.send')}>
        <IconSend />
        <span class="kf-send-label">{t('composer.send')}</span>
      </button>
    </form>
  );
}

// -- icons (decorative; buttons carry their own labels) ---------------------------

function IconChat() {
  return (
    <svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M12 3C6.5 3 2 6.6 2 11c0 2.4 1.3 4.6 3.5 6.1L5 21l4.1-2.3c.9.2 1.9.3 2.9.3 5.5 0 10-3.6 10-8s-4.5-8-10-8Zm-4 9.2a1.2 1.2 0 1 1 0-2.4 1.2 1.2 0 0 1 0 2.4Zm4 0a1.2 1.2 0 1 1 0-2.4 1.2 1.2 0 0 1 0 2.4Zm4 0a1.2 1.2 0 1 1 0-2.4 1.2 1.2 0 0 1 0 2.4Z"
      />
    </svg>
  );
}

function IconChevronDown() {
  return (
    <svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true" focusable="false">
      <path fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" d="m6 9 6 6 6-6" />
    </svg>
  );
}

function IconMinimize() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" d="M6 12h12" />
    </svg>
  );
}

function IconHeadset() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path
        fill="none"
        stroke="currentColor"
        stroke-width="1.8"
        stroke-linecap="round"
        d="M4 14v-2a8 8 0 0 1 16 0v2M4 14a2 2 0 0 0 2 2h1v-5H6a2 2 0 0 0-2 2Zm16 0a2 2 0 0 1-2 2h-1v-5h1a2 2 0 0 1 2 2Zm-3 2c0 2-2 3.5-5 3.5"
      />
    </svg>
  );
}

function IconBot() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path
        fill="none"
        stroke="currentColor"
        stroke-width="1.8"
        stroke-linecap="round"
        stroke-linejoin="round"
        d="M12 4v3M7 7h10a3 3 0 0 1 3 3v6a3 3 0 0 1-3 3H7a3 3 0 0 1-3-3v-6a3 3 0 0 1 3-3Zm2 5.5v1m6-1v1M10 16h4"
      />
    </svg>
  );
}

function IconSend() {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z" />
    </svg>
  );
}

// The visitor chat widget: a launcher button and a chat panel.

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { formatTime, LANG_NAMES, LANGS, type Lang } from '../shared/i18n';
import type { KefuEvent } from '../shared/protocol';
import { useAutosize } from '../shared/ui/autosize';
import { isSendEnter } from '../shared/ui/keys';
import { useStickToBottom } from '../shared/ui/scroll';
import { useStore } from '../shared/store';
import { systemText } from '../shared/system';
import type { ConversationView, OutgoingMessage, WidgetController, WidgetState } from './controller';
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

  let subtitle = t('header.subtitle.idle');
  if (open?.state === 'assigned' && open.agent) {
    subtitle = t('header.subtitle.assigned', { agent: open.agent.name });
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
          {open?.agent ? open.agent.name.slice(0, 1) : <IconHeadset />}
        </div>
        <div class="kf-header-text">
          <h2 class="kf-title">{t('header.title')}</h2>
          <p class="kf-subtitle" data-testid="kefu-subtitle">
            {subtitle}
          </p>
        </div>
        <div class="kf-header-actions">
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

      <ConnectionBanner controller={controller} state={state} t={t} />

      {state.fatal ? (
        <div class="kf-fatal" role="alert">
          {t(state.fatal)}
        </div>
      ) : (
        <Transcript state={state} t={t} />
      )}

      {state.notice && (
        <div class="kf-notice" role="status">
          <span>{t(state.notice.key, state.notice.params)}</span>
          <button type="button" class="kf-notice-close" aria-label={t('notice.dismiss')} onClick={() => controller.dismissNotice()}>
            ×
          </button>
        </div>
      )}

      {!state.fatal && <Composer controller={controller} state={state} t={t} hasOpen={!!open} />}
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

function Transcript({ state, t }: { state: WidgetState; t: WidgetT }) {
  const ref = useRef<HTMLDivElement>(null);
  const count =
    state.conversations.reduce((n, c) => n + c.events.length, 0) * 1000 + state.outgoing.length;
  useStickToBottom(ref, count);
  const last = state.conversations[state.conversations.length - 1];

  return (
    <div class="kf-transcript" ref={ref} role="log" aria-live="polite" aria-label={t('transcript.label')}>
      {state.conversations.map((c, i) => (
        <ConversationBlock key={c.id} view={c} first={i === 0} state={state} t={t} />
      ))}
      {last?.state === 'closed' && state.outgoing.length === 0 && <p class="kf-hint">{t('closed.hint')}</p>}
      {state.conversations.length === 0 && (
        <div class="kf-row kf-row-theirs">
          <div class="kf-bubble">{t('greeting')}</div>
        </div>
      )}
      {state.outgoing.map((m) => (
        <Outgoing key={m.id} message={m} t={t} />
      ))}
    </div>
  );
}

function ConversationBlock({ view, first, state, t }: { view: ConversationView; first: boolean; state: WidgetState; t: WidgetT }) {
  return (
    <div class="kf-conversation" data-conversation={view.id}>
      {!first && (
        <div class="kf-divider" role="separator">
          <span>
            {t('transcript.newConversation')} · {formatTime(view.startedAt, state.lang)}
          </span>
        </div>
      )}
      {view.events.map((ev, i) => (
        <EventRow key={ev.seq} ev={ev} prev={view.events[i - 1]} lang={state.lang} t={t} />
      ))}
    </div>
  );
}

function EventRow({ ev, prev, lang, t }: { ev: KefuEvent; prev: KefuEvent | undefined; lang: Lang; t: WidgetT }) {
  if (ev.kind === 'system') {
    const text = systemText(ev, t);
    if (!text) return null;
    return (
      <div class="kf-system" data-code={ev.code}>
        {text}
      </div>
    );
  }
  const mine = ev.author.role === 'visitor';
  // Show the agent's name above the first of consecutive messages from them.
  const showName =
    !mine && !(prev && prev.kind === 'message' && prev.author.role === ev.author.role && prev.author.id === ev.author.id);
  return (
    <div class={`kf-row ${mine ? 'kf-row-mine' : 'kf-row-theirs'}`} data-author={ev.author.role} data-seq={ev.seq}>
      {showName && <div class="kf-author">{ev.author.name || t('author.agent')}</div>}
      <div class="kf-bubble" title={formatTime(ev.at, lang)}>
        {ev.text}
      </div>
    </div>
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

  const startsNew = !hasOpen && state.conversations.length > 0;
  return (
    <form
      class="kf-composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <textarea
        ref={ref}
        class="kf-input"
        rows={1}
        value={draft}
        aria-label={t('composer.label')}
        placeholder={startsNew ? t('composer.placeholderNew') : t('composer.placeholder')}
        title={t('composer.hint')}
        onInput={(e) => setDraft((e.currentTarget as HTMLTextAreaElement).value)}
        onKeyDown={(e) => {
          if (isSendEnter(e)) {
            e.preventDefault();
            submit();
          }
        }}
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

function IconSend() {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z" />
    </svg>
  );
}

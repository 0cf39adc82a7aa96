// New-chat and new-message alerts: a short tone (WebAudio, no sound file) and a desktop
// notification. notify.ts decides what alerts; this plays and shows it. The agent's switch is
// kept in localStorage; permission for notifications is asked when they turn it on (a click).

import { readString, writeString } from '../../shared/storage';
import { Store } from '../../shared/store';
import type { WorkspaceController, WorkspaceState } from '../controller';
import { comfortTranslator } from './messages';
import { AlertTracker, latestVisitorText, previewText, shouldAlert, type Candidate } from './notify';

const ENABLED_KEY = 'kefu.agent.alerts';
/** At most one tone this often, however many messages arrive together. */
const TONE_GAP_MS = 700;
/** A new chat's notification waits this long for its first messages (they follow its frame). */
const CHAT_SETTLE_MS = 250;

export type Permission = NotificationPermission | 'unsupported';

export interface AlertsState {
  enabled: boolean;
  permission: Permission;
}

function currentPermission(): Permission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

type AudioCtor = typeof AudioContext;

function audioCtor(): AudioCtor | null {
  const w = window as unknown as { AudioContext?: AudioCtor; webkitAudioContext?: AudioCtor };
  return w.AudioContext ?? w.webkitAudioContext ?? null;
}

export class WorkspaceAlerts {
  readonly store: Store<AlertsState>;
  private readonly tracker = new AlertTracker();
  private readonly unsubscribe: () => void;
  private audio: AudioContext | null = null;
  private lastTone = 0;
  private pendingTone: Candidate['kind'] | null = null;
  private toneTimer: ReturnType<typeof setTimeout> | undefined;
  /** Whether the agent sees the conversation pane (not an administration page). */
  private viewingWorkspace = true;
  private opener: (id: string) => void;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly shown = new Map<string, Notification>();

  constructor(private readonly controller: WorkspaceController) {
    this.store = new Store<AlertsState>({ enabled: readString(ENABLED_KEY) !== '0', permission: currentPermission() });
    this.opener = (id) => controller.select(id);
    this.unsubscribe = controller.store.subscribe(() => this.onState(controller.store.get()));
    this.onState(controller.store.get());
    window.addEventListener('pointerdown', this.unlockAudio, true);
    window.addEventListener('keydown', this.unlockAudio, true);
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  dispose(): void {
    this.unsubscribe();
    window.removeEventListener('pointerdown', this.unlockAudio, true);
    window.removeEventListener('keydown', this.unlockAudio, true);
    document.removeEventListener('visibilitychange', this.onVisibility);
    clearTimeout(this.toneTimer);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    void this.audio?.close().catch(() => undefined);
    this.audio = null;
  }

  /** What a click on a notification does with its conversation (open it in the pane). */
  setOpener(open: (id: string) => void): void {
    this.opener = open;
  }

  setViewingWorkspace(viewing: boolean): void {
    this.viewingWorkspace = viewing;
  }

  /** The top bar's switch (a click: notifications may be asked for here). */
  async toggle(): Promise<void> {
    const enabled = !this.store.get().enabled;
    writeString(ENABLED_KEY, enabled ? '1' : '0');
    this.store.update({ enabled });
    if (!enabled) return;
    this.unlockAudio();
    if (typeof Notification !== 'undefined' && Notification.permission === 'default') {
      try {
        await Notification.requestPermission();
      } catch {
        /* older browsers: callback form only; the permission stays as it is */
      }
    }
    this.store.update({ permission: currentPermission() });
  }

  private readonly onVisibility = (): void => {
    // The agent is back: notifications they have not clicked are stale.
    if (document.visibilityState === 'visible') {
      const selected = this.controller.store.get().selectedId;
      if (selected) this.shown.get(selected)?.close();
    }
    this.store.update({ permission: currentPermission() });
  };

  /** Browsers start audio only after a user gesture: prepare (or wake) the context on one. */
  private readonly unlockAudio = (): void => {
    if (!this.store.get().enabled) return;
    const ctx = this.audioContext();
    if (ctx && ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
  };

  private audioContext(): AudioContext | null {
    if (this.audio) return this.audio;
    const Ctor = audioCtor();
    if (!Ctor) return null;
    try {
      this.audio = new Ctor();
    } catch {
      return null;
    }
    return this.audio;
  }

  private onState(s: WorkspaceState): void {
    const candidates = this.tracker.observe(s);
    if (candidates.length === 0) return;
    const ctx = {
      enabled: this.store.get().enabled,
      me: s.user?.id ?? null,
      selectedId: this.viewingWorkspace ? s.selectedId : null,
      pageHidden: document.visibilityState === 'hidden',
    };
    for (const c of candidates) {
      const d = shouldAlert(c, ctx);
      if (!d.sound && !d.notify) continue;
      if (d.sound) this.tone(c.kind);
      if (!d.notify) continue;
      if (c.kind === 'chat') {
        // Its messages follow the conversation frame: give them a moment for the preview.
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.notify(c);
        }, CHAT_SETTLE_MS);
        this.timers.add(timer);
      } else {
        this.notify(c);
      }
    }
  }

  /**
   * A short, soft tone: two rising notes for a new chat, one for a message. Alerts that come
   * together share one tone, played when the previous one is over.
   */
  private tone(kind: Candidate['kind']): void {
    const wait = this.lastTone + TONE_GAP_MS - Date.now();
    if (wait > 0) {
      // A new chat's tone wins over a message's.
      if (this.pendingTone === null || kind === 'chat') this.pendingTone = kind;
      if (!this.toneTimer) {
        this.toneTimer = setTimeout(() => {
          this.toneTimer = undefined;
          const next = this.pendingTone;
          this.pendingTone = null;
          if (next) this.tone(next);
        }, wait);
      }
      return;
    }
    this.lastTone = Date.now();
    const ctx = this.audioContext();
    if (!ctx) return;
    if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
    const notes = kind === 'chat' ? [660, 880] : [740];
    const start = ctx.currentTime + 0.01;
    notes.forEach((freq, i) => {
      try {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        const at = start + i * 0.14;
        osc.type = 'sine';
        osc.frequency.setValueAtTime(freq, at);
        gain.gain.setValueAtTime(0.0001, at);
        gain.gain.exponentialRampToValueAtTime(0.12, at + 0.015);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.22);
        osc.connect(gain);
        gain.connect(ctx.destination);
        osc.start(at);
        osc.stop(at + 0.25);
      } catch {
        /* audio unavailable: the notification still says it */
      }
    });
  }

  private notify(c: Candidate): void {
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    const s = this.controller.store.get();
    const t = comfortTranslator(s.lang);
    let body: string;
    if (c.kind === 'chat') {
      const text = latestVisitorText(s.transcripts[c.conversation] ?? []);
      body = text ? t('alerts.newChat', { text: previewText(text) }) : t('alerts.newChatEmpty');
    } else {
      body = previewText(c.text);
    }
    try {
      // One notification per conversation: a newer one replaces it.
      this.shown.get(c.conversation)?.close();
      const n = new Notification(c.visitor, { body, tag: `kefu-${c.conversation}` });
      this.shown.set(c.conversation, n);
      n.onclick = () => {
        window.focus();
        this.opener(c.conversation);
        n.close();
      };
      n.onclose = () => {
        if (this.shown.get(c.conversation) === n) this.shown.delete(c.conversation);
      };
    } catch {
      /* some browsers allow notifications only from a service worker: the tone said it */
    }
  }
}

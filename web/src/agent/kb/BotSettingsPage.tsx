// Bot settings (GET/PUT /api/bot/settings) and, per queue, whether the bot or a person answers
// first (GET /api/queues, PATCH /api/queues/{id}). Only administrators may change them;
// supervisors see them read-only.

import { cloneElement, type ComponentChildren, type VNode } from 'preact';
import { useEffect, useId, useRef, useState, type Dispatch, type StateUpdater } from 'preact/hooks';
import { kbApi, type BotSettings, type BotSettingsInput, type Queue } from './api';
import { splitGroups, splitLines } from './format';
import { isIncomplete, routeRowsOf, routesOf, type RouteRow } from './handoff';
import { HandoffRoutes } from './HandoffRoutes';
import { errorText, type KbT } from './messages';
import { ErrorLine } from './Feedback';

interface Props {
  t: KbT;
  isAdmin: boolean;
}

export function BotSettingsPage({ t, isAdmin }: Props) {
  // Loaded once for both sections: each queue's mode, and the handoff routes' target queues.
  const [queues, setQueues] = useState<Queue[] | null>(null);
  const [queuesError, setQueuesError] = useState<string | null>(null);

  useEffect(() => {
    kbApi.queues().then(setQueues, (e: unknown) => setQueuesError(errorText(e, t)));
    // `t` only formats errors.
  }, []);

  return (
    <>
      {!isAdmin && (
        <p class="kb-readonly" role="note">
          {t('bot.readOnly')}
        </p>
      )}
      <QueueModes t={t} isAdmin={isAdmin} queues={queues} setQueues={setQueues} loadError={queuesError} />
      <SettingsForm t={t} isAdmin={isAdmin} queues={queues} queuesError={queuesError} />
    </>
  );
}

// -- queues ---------------------------------------------------------------------------

interface QueueModesProps extends Props {
  queues: Queue[] | null;
  setQueues: Dispatch<StateUpdater<Queue[] | null>>;
  loadError: string | null;
}

function QueueModes({ t, isAdmin, queues, setQueues, loadError }: QueueModesProps) {
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const patch = (id: string, fields: Partial<Queue>) =>
    setQueues((list) => list?.map((q) => (q.id === id ? { ...q, ...fields } : q)) ?? null);

  // Shown at once; put back if the server refuses.
  const change = async (queue: Queue, botFirst: boolean) => {
    if (queue.bot_first === botFirst) return;
    setBusyId(queue.id);
    setError(null);
    patch(queue.id, { bot_first: botFirst });
    try {
      patch(queue.id, await kbApi.setBotFirst(queue.id, botFirst));
    } catch (e) {
      patch(queue.id, { bot_first: queue.bot_first });
      setError(errorText(e, t));
    } finally {
      setBusyId(null);
    }
  };

  return (
    <section class="kb-section" aria-labelledby="kb-queues-title">
      <div class="kb-section-head">
        <h2 id="kb-queues-title">{t('queues.title')}</h2>
      </div>
      <p class="ws-muted kb-help">{t('queues.help')}</p>
      <ErrorLine text={error ?? loadError} />
      <ul class="kb-queues" aria-busy={queues === null}>
        {(queues ?? []).map((queue) => (
          <li key={queue.id} class="kb-queue">
            <fieldset class="kb-queue-modes" disabled={!isAdmin || busyId === queue.id}>
              <legend>
                <span class="kb-queue-name">{queue.name}</span> <span class="ws-code">{queue.slug}</span>
              </legend>
              {([true, false] as const).map((botFirst) => (
                <label key={String(botFirst)} class={`kb-seg${queue.bot_first === botFirst ? ' is-active' : ''}`}>
                  <input
                    type="radio"
                    name={`kb-queue-${queue.id}`}
                    checked={queue.bot_first === botFirst}
                    onChange={() => void change(queue, botFirst)}
                  />
                  <span>{botFirst ? t('queues.botFirst') : t('queues.humanFirst')}</span>
                </label>
              ))}
            </fieldset>
          </li>
        ))}
      </ul>
    </section>
  );
}

// -- settings -------------------------------------------------------------------------

/** The form's text for each setting. */
interface Draft {
  name: string;
  greeting: string;
  answer_threshold: string;
  clarify_threshold: string;
  clarify_prompt: string;
  unknown_reply: string;
  offer_prompt: string;
  transfer_notice: string;
  handoff_phrases: string;
  misses_to_offer: string;
  misses_to_transfer: string;
  tone_to_offer: string;
  tone_to_transfer: string;
  suggestions: boolean;
  answer_while_waiting: boolean;
  custom_words: string;
  synonyms: string;
  handoff_routes: RouteRow[];
}

function draftOf(s: BotSettings): Draft {
  return {
    name: s.name,
    greeting: s.greeting,
    answer_threshold: String(s.answer_threshold),
    clarify_threshold: String(s.clarify_threshold),
    clarify_prompt: s.clarify_prompt,
    unknown_reply: s.unknown_reply,
    offer_prompt: s.offer_prompt,
    transfer_notice: s.transfer_notice,
    handoff_phrases: (s.handoff_phrases ?? []).join('\n'),
    misses_to_offer: String(s.misses_to_offer),
    misses_to_transfer: String(s.misses_to_transfer),
    tone_to_offer: String(s.tone_to_offer),
    tone_to_transfer: String(s.tone_to_transfer),
    suggestions: s.suggestions,
    answer_while_waiting: s.answer_while_waiting ?? true,
    custom_words: (s.custom_words ?? []).join('\n'),
    synonyms: (s.synonyms ?? []).map((g) => g.join(' ')).join('\n'),
    handoff_routes: routeRowsOf(s.handoff_routes),
  };
}

/** A number field's value; text that is not a number is sent as null for the server to refuse. */
function numberOf(text: string): number | null {
  const trimmed = text.trim();
  const n = trimmed === '' ? NaN : Number(trimmed);
  return Number.isFinite(n) ? n : null;
}

/** The settings to save: the loaded object (fields this page does not know survive) plus the form. */
function settingsOf(base: BotSettings, d: Draft): BotSettingsInput {
  return {
    ...base,
    name: d.name.trim(),
    greeting: d.greeting,
    answer_threshold: numberOf(d.answer_threshold),
    clarify_threshold: numberOf(d.clarify_threshold),
    clarify_prompt: d.clarify_prompt,
    unknown_reply: d.unknown_reply,
    offer_prompt: d.offer_prompt,
    transfer_notice: d.transfer_notice,
    handoff_phrases: splitLines(d.handoff_phrases),
    misses_to_offer: numberOf(d.misses_to_offer),
    misses_to_transfer: numberOf(d.misses_to_transfer),
    tone_to_offer: numberOf(d.tone_to_offer),
    tone_to_transfer: numberOf(d.tone_to_transfer),
    suggestions: d.suggestions,
    answer_while_waiting: d.answer_while_waiting,
    custom_words: splitLines(d.custom_words),
    synonyms: splitGroups(d.synonyms),
    handoff_routes: routesOf(d.handoff_routes),
  };
}

type TextKey = Exclude<keyof Draft, 'suggestions' | 'answer_while_waiting' | 'handoff_routes'>;

interface SettingsFormProps extends Props {
  queues: Queue[] | null;
  queuesError: string | null;
}

function SettingsForm({ t, isAdmin, queues, queuesError }: SettingsFormProps) {
  const [base, setBase] = useState<BotSettings | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  // Set by a save refused for a half-filled route; cleared once no route is half-filled.
  const [checked, setChecked] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    kbApi.botSettings().then(
      (s) => {
        setBase(s);
        setDraft(draftOf(s));
      },
      (e: unknown) => setLoadError(errorText(e, t)),
    );
    // `t` only formats errors.
  }, []);

  if (!draft || !base) {
    return (
      <section class="kb-section" aria-labelledby="kb-bot-title">
        <h2 id="kb-bot-title">{t('bot.title')}</h2>
        {loadError ? (
          <p class="ws-error" role="alert">
            {loadError}
          </p>
        ) : (
          <p class="ws-muted">{t('common.loading')}</p>
        )}
      </section>
    );
  }

  const set = (patch: Partial<Draft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    setSaved(false);
    if (!next.handoff_routes.some(isIncomplete)) setChecked(false);
  };
  const text = (key: TextKey) => ({
    value: draft[key],
    onInput: (e: Event) => set({ [key]: (e.currentTarget as HTMLInputElement | HTMLTextAreaElement).value }),
  });

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy || !isAdmin) return;
    setError(null);
    setSaved(false);
    if (draft.handoff_routes.some(isIncomplete)) {
      setChecked(true);
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setBusy(true);
    try {
      const next = await kbApi.saveBotSettings(settingsOf(base, draft));
      setBase(next);
      setDraft(draftOf(next));
      setSaved(true);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="kb-section" aria-labelledby="kb-bot-title">
      <div class="kb-section-head">
        <h2 id="kb-bot-title">{t('bot.title')}</h2>
      </div>
      <form ref={formRef} class="kb-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <fieldset class="kb-fieldset" disabled={!isAdmin}>
          <Group title={t('bot.group.basic')}>
            <Field label={t('bot.name')}>
              <input {...text('name')} />
            </Field>
            <Field label={t('bot.greeting')} wide>
              <textarea rows={2} {...text('greeting')} />
            </Field>
          </Group>

          <Group title={t('bot.group.matching')} help={t('bot.thresholdHelp')}>
            <Field label={t('bot.answerThreshold')}>
              <input type="number" min={0} max={1} step={0.01} inputMode="decimal" {...text('answer_threshold')} />
            </Field>
            <Field label={t('bot.clarifyThreshold')}>
              <input type="number" min={0} max={1} step={0.01} inputMode="decimal" {...text('clarify_threshold')} />
            </Field>
            <Field label={t('bot.clarifyPrompt')} wide>
              <input {...text('clarify_prompt')} />
            </Field>
            <Field label={t('bot.unknownReply')} wide>
              <textarea rows={2} {...text('unknown_reply')} />
            </Field>
          </Group>

          <Group title={t('bot.group.handoff')}>
            <Field label={t('bot.handoffPhrases')} hint={t('bot.onePerLine')}>
              <textarea rows={4} {...text('handoff_phrases')} />
            </Field>
            <div class="kb-stack">
              <Field label={t('bot.offerPrompt')}>
                <textarea rows={2} {...text('offer_prompt')} />
              </Field>
              <Field label={t('bot.transferNotice')}>
                <textarea rows={2} {...text('transfer_notice')} />
              </Field>
            </div>
            <Field label={t('bot.missesToOffer')} hint={t('bot.zeroDisables')}>
              <input type="number" min={0} step={1} inputMode="numeric" {...text('misses_to_offer')} />
            </Field>
            <Field label={t('bot.missesToTransfer')} hint={t('bot.zeroDisables')}>
              <input type="number" min={0} step={1} inputMode="numeric" {...text('misses_to_transfer')} />
            </Field>
            <Field label={t('bot.toneToOffer')} hint={t('bot.zeroDisables')}>
              <input type="number" min={0} step={1} inputMode="numeric" {...text('tone_to_offer')} />
            </Field>
            <Field label={t('bot.toneToTransfer')} hint={t('bot.zeroDisables')}>
              <input type="number" min={0} step={1} inputMode="numeric" {...text('tone_to_transfer')} />
            </Field>
          </Group>

          <Group title={t('bot.group.routes')} help={t('bot.routesHelp')}>
            <HandoffRoutes
              t={t}
              rows={draft.handoff_routes}
              onChange={(rows) => set({ handoff_routes: rows })}
              queues={queues}
              queuesError={queuesError}
              checked={checked}
            />
          </Group>

          <Group title={t('bot.group.words')}>
            <label class="kb-check kb-span-2">
              <input
                type="checkbox"
                checked={draft.suggestions}
                onChange={(e) => set({ suggestions: (e.currentTarget as HTMLInputElement).checked })}
              />
              <span>{t('bot.suggestions')}</span>
            </label>
            <label class="kb-check kb-span-2">
              <input
                type="checkbox"
                checked={draft.answer_while_waiting}
                onChange={(e) => set({ answer_while_waiting: (e.currentTarget as HTMLInputElement).checked })}
              />
              <span>{t('bot.answerWhileWaiting')}</span>
            </label>
            <Field label={t('bot.customWords')} hint={t('bot.onePerLine')}>
              <textarea rows={4} {...text('custom_words')} />
            </Field>
            <Field label={t('bot.synonyms')} hint={t('bot.synonymsHint')}>
              <textarea rows={4} {...text('synonyms')} />
            </Field>
          </Group>
        </fieldset>

        <ErrorLine text={error} />
        {isAdmin && (
          <div class="kb-form-actions">
            {saved && (
              <span class="kb-saved" role="status">
                {t('bot.saved')}
              </span>
            )}
            <button type="button" class="ws-btn" disabled={busy} onClick={() => set(draftOf(base))}>
              {t('bot.revert')}
            </button>
            <button type="submit" class="ws-btn ws-btn-primary" disabled={busy}>
              {busy ? t('common.saving') : t('common.save')}
            </button>
          </div>
        )}
      </form>
    </section>
  );
}

export function Group({ title, help, children }: { title: string; help?: string; children: ComponentChildren }) {
  return (
    <fieldset class="kb-group">
      <legend>{title}</legend>
      {help && <p class="ws-muted kb-help kb-span-2">{help}</p>}
      {children}
    </fieldset>
  );
}

/** A labelled control; the hint is the control's description. */
export function Field({ label, hint, wide, children }: { label: string; hint?: string; wide?: boolean; children: VNode }) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div class={`kb-field${wide ? ' kb-span-2' : ''}`}>
      <label for={id}>{label}</label>
      {cloneElement(children, { id, 'aria-describedby': hint ? hintId : undefined })}
      {hint && (
        <small id={hintId} class="ws-muted">
          {hint}
        </small>
      )}
    </div>
  );
}

// The form that creates or edits a queue with every routing field of docs/routing.md, in a
// dialog: basics, assignment, priority rules, sticky routing, overflow, wait notices and
// business hours. It checks what it can before sending; the server's reason (400) is shown too.

import { useId, useRef, useState } from 'preact/hooks';
import type { BusinessHours, Queue, RoutingStrategy } from '../../shared/protocol';
import { Modal } from '../kb/Dialog';
import { ErrorLine } from '../kb/Feedback';
import { Field, Group } from '../kb/BotSettingsPage';
import { splitComma } from '../kb/format';
import { errorText } from '../kb/messages';
import { routingApi, type QueueInput } from './api';
import { intOf } from './format';
import type { RoutingT } from './messages';

export const STRATEGIES: readonly RoutingStrategy[] = ['least_busy', 'longest_idle', 'round_robin', 'skill_level'];
export const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** The defaults of docs/routing.md for a new queue. */
const DEFAULT_NOTICE = '目前咨询客户较多，请您耐心等待，我们会尽快为您服务。';

interface RuleDraft {
  key: number;
  tag: string;
  priority: string;
}
interface NoticeDraft {
  key: number;
  after_s: string;
  text: string;
}
interface HoursDraft {
  key: number;
  day: string;
  open: string;
  close: string;
}
interface HolidayDraft {
  key: number;
  date: string;
}

interface Draft {
  name: string;
  slug: string;
  bot_first: boolean;
  skills: string;
  strategy: RoutingStrategy;
  rules: RuleDraft[];
  sticky_window_s: string;
  sticky_wait_s: string;
  overflow_queue: string;
  overflow_after_s: string;
  assign_timeout_s: string;
  max_waiting: string;
  notices: NoticeDraft[];
  service_level_s: string;
  hoursOn: boolean;
  time_zone: string;
  weekly: HoursDraft[];
  holidays: HolidayDraft[];
}

type TextField =
  | 'name'
  | 'slug'
  | 'skills'
  | 'sticky_window_s'
  | 'sticky_wait_s'
  | 'overflow_after_s'
  | 'assign_timeout_s'
  | 'max_waiting'
  | 'service_level_s'
  | 'time_zone';

let nextKey = 1;
const key = () => nextKey++;

function draftOf(q: Queue | null): Draft {
  const hours = q?.hours ?? null;
  return {
    name: q?.name ?? '',
    slug: q?.slug ?? '',
    bot_first: q?.bot_first ?? false,
    skills: (q?.skills ?? []).join(', '),
    strategy: q?.strategy ?? 'least_busy',
    rules: (q?.priority_rules ?? []).map((r) => ({ key: key(), tag: r.tag, priority: String(r.priority) })),
    sticky_window_s: String(q?.sticky_window_s ?? 0),
    sticky_wait_s: String(q?.sticky_wait_s ?? 30),
    overflow_queue: q?.overflow_queue ?? '',
    overflow_after_s: String(q?.overflow_after_s ?? 0),
    assign_timeout_s: String(q?.assign_timeout_s ?? 0),
    max_waiting: String(q?.max_waiting ?? 0),
    notices: (q ? q.notices ?? [] : [{ after_s: 60, text: DEFAULT_NOTICE }]).map((n) => ({
      key: key(),
      after_s: String(n.after_s),
      text: n.text,
    })),
    service_level_s: String(q?.service_level_s ?? 30),
    hoursOn: hours !== null,
    time_zone: hours?.time_zone ?? 'Asia/Shanghai',
    weekly: (hours?.weekly ?? []).map((w) => ({ key: key(), day: String(w.day), open: w.open, close: w.close })),
    holidays: (hours?.holidays ?? []).map((d) => ({ key: key(), date: d })),
  };
}

/** Working days 09:00–18:00: the starting point when business hours are switched on. */
function defaultWeek(): HoursDraft[] {
  return [1, 2, 3, 4, 5].map((day) => ({ key: key(), day: String(day), open: '09:00', close: '18:00' }));
}

const SLUG = /^[a-z0-9][a-z0-9_-]*$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The queue to send, or the first problem found (in the form's order). */
function validate(d: Draft, creating: boolean, t: RoutingT): { input: QueueInput } | { error: string } {
  const fail = (error: string) => ({ error });
  const name = d.name.trim();
  if (name === '') return fail(t('qf.err.name'));
  if (name.length > 64) return fail(t('qf.err.nameLong', { max: 64 }));
  const slug = d.slug.trim();
  if (creating && (!SLUG.test(slug) || slug.length > 64)) return fail(t('qf.err.slug'));

  const seconds = (text: string, label: string): number | string => {
    const n = intOf(text, 0);
    return n === null ? t('qf.err.int', { field: label }) : n;
  };
  const numbers: [keyof Draft, string][] = [
    ['assign_timeout_s', t('qf.assignTimeout')],
    ['max_waiting', t('qf.maxWaiting')],
    ['service_level_s', t('qf.serviceLevel')],
    ['sticky_window_s', t('qf.stickyWindow')],
    ['sticky_wait_s', t('qf.stickyWait')],
    ['overflow_after_s', t('qf.overflowAfter')],
  ];
  const n: Record<string, number> = {};
  for (const [field, label] of numbers) {
    const v = seconds(d[field] as string, label);
    if (typeof v === 'string') return fail(v);
    n[field] = v;
  }
  if ((n['service_level_s'] ?? 0) < 1) return fail(t('qf.err.serviceLevel'));

  const rules = [];
  const tags = new Set<string>();
  for (const [i, r] of d.rules.entries()) {
    const tag = r.tag.trim();
    const priority = intOf(r.priority, 0, 9);
    if (tag === '' || priority === null) return fail(t('qf.err.rule', { n: i + 1 }));
    if (tags.has(tag)) return fail(t('qf.err.ruleDup', { tag }));
    tags.add(tag);
    rules.push({ tag, priority });
  }

  const notices = [];
  for (const [i, notice] of d.notices.entries()) {
    const after = intOf(notice.after_s, 1);
    const text = notice.text.trim();
    if (after === null || text === '') return fail(t('qf.err.notice', { n: i + 1 }));
    if (text.length > 500) return fail(t('qf.err.noticeLong', { n: i + 1, max: 500 }));
    notices.push({ after_s: after, text });
  }

  let hours: BusinessHours | null = null;
  if (d.hoursOn) {
    const tz = d.time_zone.trim();
    if (tz === '') return fail(t('qf.err.tz'));
    const weekly = [];
    for (const [i, w] of d.weekly.entries()) {
      const day = intOf(w.day, 1, 7);
      if (day === null || !TIME.test(w.open) || !TIME.test(w.close) || w.open >= w.close) {
        return fail(t('qf.err.hours', { n: i + 1 }));
      }
      weekly.push({ day, open: w.open, close: w.close });
    }
    const holidays = [];
    for (const [i, h] of d.holidays.entries()) {
      if (!DATE.test(h.date) || Number.isNaN(Date.parse(`${h.date}T00:00:00Z`))) {
        return fail(t('qf.err.holiday', { n: i + 1 }));
      }
      holidays.push(h.date);
    }
    hours = { time_zone: tz, weekly, holidays };
  }

  return {
    input: {
      name,
      slug,
      bot_first: d.bot_first,
      skills: splitComma(d.skills),
      strategy: d.strategy,
      priority_rules: rules,
      sticky_window_s: n['sticky_window_s'] ?? 0,
      sticky_wait_s: n['sticky_wait_s'] ?? 30,
      overflow_queue: d.overflow_queue === '' ? null : d.overflow_queue,
      overflow_after_s: n['overflow_after_s'] ?? 0,
      assign_timeout_s: n['assign_timeout_s'] ?? 0,
      max_waiting: n['max_waiting'] ?? 0,
      notices,
      service_level_s: n['service_level_s'] ?? 30,
      hours,
    },
  };
}

interface Props {
  t: RoutingT;
  /** The queue to edit; null creates one. */
  queue: Queue | null;
  /** Every queue (overflow targets). */
  queues: readonly Queue[];
  onSaved: (queue: Queue) => void;
  onClose: () => void;
}

export function QueueForm({ t, queue, queues, onSaved, onClose }: Props) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(queue));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const id = useId();
  const creating = queue === null;

  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const text = (field: TextField) => ({
    value: draft[field],
    onInput: (e: Event) => set({ [field]: (e.currentTarget as HTMLInputElement).value }),
  });
  const number = (field: TextField) => ({ type: 'number' as const, min: 0, step: 1, inputMode: 'numeric' as const, ...text(field) });

  const showError = (message: string) => {
    setError(message);
    requestAnimationFrame(() => errorRef.current?.scrollIntoView({ block: 'nearest' }));
  };

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const checked = validate(draft, creating, t);
    if ('error' in checked) {
      showError(checked.error);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      let saved: Queue;
      if (creating) {
        saved = await routingApi.createQueue(checked.input);
      } else {
        const { slug: _slug, ...fields } = checked.input;
        saved = await routingApi.updateQueue(queue.id, fields);
      }
      onSaved(saved);
    } catch (err) {
      showError(t('qf.serverError', { message: errorText(err, t) }));
      setBusy(false);
    }
  };

  const updateRow = <K extends 'rules' | 'notices' | 'weekly' | 'holidays'>(
    list: K,
    rowKey: number,
    patch: Partial<Draft[K][number]>,
  ) => setDraft((d) => ({ ...d, [list]: (d[list] as { key: number }[]).map((r) => (r.key === rowKey ? { ...r, ...patch } : r)) }));
  const removeRow = (list: 'rules' | 'notices' | 'weekly' | 'holidays', rowKey: number) =>
    setDraft((d) => ({ ...d, [list]: (d[list] as { key: number }[]).filter((r) => r.key !== rowKey) }));

  const others = queues.filter((q) => q.id !== queue?.id);
  const title = creating ? t('qf.newTitle') : t('qf.editTitle', { name: queue.name });

  return (
    <Modal title={title} t={t} onClose={onClose} wide>
      <form class="kb-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <div class="kb-dialog-body rt-dialog-body rt-form-scroll">
          <div class="kb-fieldset">
            <Group title={t('qf.group.basic')}>
              <Field label={t('qf.name')}>
                <input required maxLength={64} autoFocus={creating} {...text('name')} />
              </Field>
              {creating ? (
                <Field label={t('qf.slug')} hint={t('qf.slugHint')}>
                  <input required maxLength={64} autoComplete="off" spellcheck={false} {...text('slug')} />
                </Field>
              ) : (
                <Field label={t('qf.slug')} hint={t('qf.slugFixed')}>
                  <input value={draft.slug} readOnly />
                </Field>
              )}
              <label class="kb-check kb-span-2">
                <input
                  type="checkbox"
                  checked={draft.bot_first}
                  onChange={(e) => set({ bot_first: (e.currentTarget as HTMLInputElement).checked })}
                />
                <span>{t('qf.botFirst')}</span>
              </label>
              <Field label={t('qf.skills')} hint={t('qf.skillsHint')} wide>
                <input {...text('skills')} />
              </Field>
            </Group>

            <Group title={t('qf.group.assign')}>
              <Field label={t('qf.strategy')} hint={t(`strategy.${draft.strategy}.hint`)} wide>
                <select
                  value={draft.strategy}
                  onChange={(e) => set({ strategy: (e.currentTarget as HTMLSelectElement).value as RoutingStrategy })}
                >
                  {STRATEGIES.map((s) => (
                    <option key={s} value={s}>
                      {t(`strategy.${s}`)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t('qf.assignTimeout')} hint={t('qf.assignTimeoutHint')}>
                <input {...number('assign_timeout_s')} />
              </Field>
              <Field label={t('qf.maxWaiting')} hint={t('qf.maxWaitingHint')}>
                <input {...number('max_waiting')} />
              </Field>
              <Field label={t('qf.serviceLevel')} hint={t('qf.serviceLevelHint')}>
                <input {...number('service_level_s')} />
              </Field>
            </Group>

            <Group title={t('qf.group.priority')} help={t('qf.priorityHelp')}>
              <div class="kb-span-2 rt-rows">
                {draft.rules.length === 0 && <p class="ws-muted rt-empty">{t('qf.rules.empty')}</p>}
                {draft.rules.map((r, i) => (
                  <div key={r.key} class="rt-row">
                    <input
                      class="rt-grow"
                      aria-label={t('qf.rule.tag', { n: i + 1 })}
                      placeholder={t('qf.rule.tagPlaceholder')}
                      maxLength={64}
                      value={r.tag}
                      onInput={(e) => updateRow('rules', r.key, { tag: (e.currentTarget as HTMLInputElement).value })}
                    />
                    <input
                      class="rt-short"
                      type="number"
                      min={0}
                      max={9}
                      step={1}
                      inputMode="numeric"
                      aria-label={t('qf.rule.priority', { n: i + 1 })}
                      value={r.priority}
                      onInput={(e) => updateRow('rules', r.key, { priority: (e.currentTarget as HTMLInputElement).value })}
                    />
                    <RemoveButton label={t('qf.rule.remove', { n: i + 1 })} onClick={() => removeRow('rules', r.key)} />
                  </div>
                ))}
                <AddButton
                  label={t('qf.rule.add')}
                  onClick={() => set({ rules: [...draft.rules, { key: key(), tag: '', priority: '5' }] })}
                />
              </div>
            </Group>

            <Group title={t('qf.group.sticky')} help={t('qf.stickyHelp')}>
              <Field label={t('qf.stickyWindow')} hint={t('qf.zeroOff')}>
                <input {...number('sticky_window_s')} />
              </Field>
              <Field label={t('qf.stickyWait')}>
                <input {...number('sticky_wait_s')} />
              </Field>
            </Group>

            <Group title={t('qf.group.overflow')} help={t('qf.overflowHelp')}>
              <Field label={t('qf.overflowQueue')}>
                <select value={draft.overflow_queue} onChange={(e) => set({ overflow_queue: (e.currentTarget as HTMLSelectElement).value })}>
                  <option value="">{t('qf.overflowNone')}</option>
                  {others.map((q) => (
                    <option key={q.id} value={q.id}>
                      {q.name}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t('qf.overflowAfter')}>
                <input {...number('overflow_after_s')} disabled={draft.overflow_queue === ''} />
              </Field>
            </Group>

            <Group title={t('qf.group.notices')} help={t('qf.noticesHelp')}>
              <div class="kb-span-2 rt-rows">
                {draft.notices.length === 0 && <p class="ws-muted rt-empty">{t('qf.notices.empty')}</p>}
                {draft.notices.map((n, i) => (
                  <div key={n.key} class="rt-row rt-row-top">
                    <input
                      class="rt-short"
                      type="number"
                      min={1}
                      step={1}
                      inputMode="numeric"
                      aria-label={t('qf.notice.after', { n: i + 1 })}
                      value={n.after_s}
                      onInput={(e) => updateRow('notices', n.key, { after_s: (e.currentTarget as HTMLInputElement).value })}
                    />
                    <span class="ws-muted rt-unit">{t('qf.notice.unit')}</span>
                    <textarea
                      class="rt-grow"
                      rows={2}
                      maxLength={500}
                      aria-label={t('qf.notice.text', { n: i + 1 })}
                      value={n.text}
                      onInput={(e) => updateRow('notices', n.key, { text: (e.currentTarget as HTMLTextAreaElement).value })}
                    />
                    <RemoveButton label={t('qf.notice.remove', { n: i + 1 })} onClick={() => removeRow('notices', n.key)} />
                  </div>
                ))}
                <AddButton
                  label={t('qf.notice.add')}
                  onClick={() => {
                    const last = draft.notices.reduce((m, n) => Math.max(m, intOf(n.after_s, 0) ?? 0), 0);
                    set({ notices: [...draft.notices, { key: key(), after_s: String(last + 60), text: '' }] });
                  }}
                />
              </div>
            </Group>

            <fieldset class="kb-group">
              <legend>{t('qf.group.hours')}</legend>
              <div class="kb-span-2 rt-seg-row" role="radiogroup" aria-label={t('qf.group.hours')}>
                {([false, true] as const).map((on) => (
                  <label key={String(on)} class={`kb-seg${draft.hoursOn === on ? ' is-active' : ''}`}>
                    <input
                      type="radio"
                      name={`${id}-hours`}
                      checked={draft.hoursOn === on}
                      onChange={() =>
                        set(on && draft.weekly.length === 0 ? { hoursOn: true, weekly: defaultWeek() } : { hoursOn: on })
                      }
                    />
                    <span>{on ? t('qf.hours.custom') : t('qf.hours.always')}</span>
                  </label>
                ))}
              </div>
              {draft.hoursOn && (
                <>
                  <Field label={t('qf.hours.tz')} hint={t('qf.hours.tzHint')} wide>
                    <input list={`${id}-zones`} spellcheck={false} {...text('time_zone')} />
                  </Field>
                  <datalist id={`${id}-zones`}>
                    {['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Singapore', 'Asia/Tokyo', 'Europe/London', 'America/New_York', 'UTC'].map(
                      (z) => (
                        <option key={z} value={z} />
                      ),
                    )}
                  </datalist>
                  <div class="kb-span-2 rt-rows" role="group" aria-label={t('qf.hours.weekly')}>
                    <span class="rt-rows-title">{t('qf.hours.weekly')}</span>
                    {draft.weekly.length === 0 && <p class="ws-muted rt-empty">{t('qf.hours.empty')}</p>}
                    {draft.weekly.map((w, i) => (
                      <div key={w.key} class="rt-row">
                        <select
                          aria-label={t('qf.hours.day', { n: i + 1 })}
                          value={w.day}
                          onChange={(e) => updateRow('weekly', w.key, { day: (e.currentTarget as HTMLSelectElement).value })}
                        >
                          {DAYS.map((day) => (
                            <option key={day} value={String(day)}>
                              {t(`day.${day}`)}
                            </option>
                          ))}
                        </select>
                        <input
                          type="time"
                          aria-label={t('qf.hours.open', { n: i + 1 })}
                          value={w.open}
                          onInput={(e) => updateRow('weekly', w.key, { open: (e.currentTarget as HTMLInputElement).value })}
                        />
                        <span aria-hidden="true">–</span>
                        <input
                          type="time"
                          aria-label={t('qf.hours.close', { n: i + 1 })}
                          value={w.close}
                          onInput={(e) => updateRow('weekly', w.key, { close: (e.currentTarget as HTMLInputElement).value })}
                        />
                        <RemoveButton label={t('qf.hours.remove', { n: i + 1 })} onClick={() => removeRow('weekly', w.key)} />
                      </div>
                    ))}
                    <AddButton
                      label={t('qf.hours.add')}
                      onClick={() => set({ weekly: [...draft.weekly, { key: key(), day: '6', open: '09:00', close: '18:00' }] })}
                    />
                  </div>
                  <div class="kb-span-2 rt-rows" role="group" aria-label={t('qf.holidays')}>
                    <span class="rt-rows-title">{t('qf.holidays')}</span>
                    {draft.holidays.length === 0 && <p class="ws-muted rt-empty">{t('qf.holidays.empty')}</p>}
                    {draft.holidays.map((h, i) => (
                      <div key={h.key} class="rt-row">
                        <input
                          type="date"
                          aria-label={t('qf.holiday', { n: i + 1 })}
                          value={h.date}
                          onInput={(e) => updateRow('holidays', h.key, { date: (e.currentTarget as HTMLInputElement).value })}
                        />
                        <RemoveButton label={t('qf.holiday.remove', { n: i + 1 })} onClick={() => removeRow('holidays', h.key)} />
                      </div>
                    ))}
                    <AddButton label={t('qf.holiday.add')} onClick={() => set({ holidays: [...draft.holidays, { key: key(), date: '' }] })} />
                  </div>
                </>
              )}
            </fieldset>
          </div>
          <div ref={errorRef}>
            <ErrorLine text={error} />
          </div>
        </div>
        <div class="kb-dialog-actions">
          <button type="button" class="ws-btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="ws-btn ws-btn-primary" disabled={busy}>
            {busy ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

export function AddButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" class="ws-btn kb-btn-sm rt-add" onClick={onClick}>
      <span aria-hidden="true">+</span>
      {label}
    </button>
  );
}

export function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" class="ws-icon-btn rt-remove" aria-label={label} title={label} onClick={onClick}>
      ×
    </button>
  );
}

/** A short description of a queue's business hours for the list. */
export function hoursSummary(hours: BusinessHours | null, t: RoutingT): string {
  if (!hours) return t('rq.alwaysOpen');
  return t('rq.hours', { tz: hours.time_zone, n: hours.weekly.length });
}

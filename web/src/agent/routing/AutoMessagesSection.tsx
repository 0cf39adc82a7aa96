// Administration: the tenant's automatic messages (greeting on assignment, closing words, the
// reminder to a silent customer and the idle close after it). Durations are edited in minutes
// and stored in seconds.

import { useEffect, useState } from 'preact/hooks';
import { Field } from '../kb/BotSettingsPage';
import { ErrorLine } from '../kb/Feedback';
import { errorText } from '../kb/messages';
import { routingApi, type AutoMessages } from './api';
import type { RoutingT } from './messages';

/** Suggested wording, filled in on request (the server's default is everything off). */
const SUGGESTED: Omit<AutoMessages, 'reminder_after_s' | 'close_after_s'> = {
  greeting: '您好，我是{客服名}，很高兴为您服务！请问有什么可以帮您？',
  closing: '感谢您的咨询，祝您生活愉快！如有其他问题，欢迎随时联系我们。',
  reminder: '您好，请问还在吗？如还有问题，请直接回复，我们会继续为您服务。',
};

interface Draft {
  greeting: string;
  closing: string;
  reminderAfter: string;
  reminder: string;
  closeAfter: string;
}

const minutesText = (seconds: number) => String(Math.round((seconds / 60) * 100) / 100);

/** Minutes (0–1440, decimals allowed) as whole seconds, or null when not a valid number. */
export function secondsOf(minutes: string): number | null {
  const trimmed = minutes.trim();
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n <= 1440 ? Math.round(n * 60) : null;
}

export function AutoMessagesSection({ t }: { t: RoutingT }) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const show = (a: AutoMessages | undefined) =>
    setDraft({
      greeting: a?.greeting ?? '',
      closing: a?.closing ?? '',
      reminderAfter: minutesText(a?.reminder_after_s ?? 0),
      reminder: a?.reminder ?? '',
      closeAfter: minutesText(a?.close_after_s ?? 0),
    });
  useEffect(() => {
    routingApi.settings().then(
      (s) => show(s.auto_messages),
      (e: unknown) => setLoadError(errorText(e, t)),
    );
  }, []);

  const edit = (field: keyof Draft) => (e: Event) => {
    const value = (e.currentTarget as HTMLInputElement | HTMLTextAreaElement).value;
    setDraft((d) => (d ? { ...d, [field]: value } : d));
    setSaved(false);
  };

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy || !draft) return;
    const reminderAfter = secondsOf(draft.reminderAfter);
    const closeAfter = secondsOf(draft.closeAfter);
    if (reminderAfter === null || closeAfter === null) {
      setError(t('am.err'));
      return;
    }
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const settings = await routingApi.saveAutoMessages({
        greeting: draft.greeting.trim(),
        closing: draft.closing.trim(),
        reminder_after_s: reminderAfter,
        reminder: draft.reminder.trim(),
        close_after_s: closeAfter,
      });
      show(settings.auto_messages);
      setSaved(true);
    } catch (err) {
      setError(t('qf.serverError', { message: errorText(err, t) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="kb-section" aria-labelledby="rt-auto-title" data-testid="auto-messages">
      <h2 id="rt-auto-title">{t('am.title')}</h2>
      <p class="ws-muted">{t('am.help')}</p>
      {!draft ? (
        loadError ? <ErrorLine text={loadError} /> : <p class="ws-muted">{t('common.loading')}</p>
      ) : (
        <form class="kb-form" onSubmit={(e) => void onSubmit(e)} noValidate>
          <div class="kb-form-grid">
            <Field label={t('am.greeting')} hint={t('am.greetingHint')} wide>
              <textarea rows={2} maxLength={500} value={draft.greeting} onInput={edit('greeting')} />
            </Field>
            <Field label={t('am.closing')} hint={t('am.closingHint')} wide>
              <textarea rows={2} maxLength={500} value={draft.closing} onInput={edit('closing')} />
            </Field>
            <Field label={t('am.reminderAfter')} hint={t('am.reminderAfterHint')}>
              <input type="text" inputMode="decimal" value={draft.reminderAfter} onInput={edit('reminderAfter')} />
            </Field>
            <Field label={t('am.closeAfter')} hint={t('am.closeAfterHint')}>
              <input type="text" inputMode="decimal" value={draft.closeAfter} onInput={edit('closeAfter')} />
            </Field>
            <Field label={t('am.reminder')} wide>
              <textarea rows={2} maxLength={500} value={draft.reminder} onInput={edit('reminder')} />
            </Field>
          </div>
          <ErrorLine text={error} />
          <div class="rt-form-actions">
            {saved && (
              <span class="kb-saved" role="status">
                {t('am.saved')}
              </span>
            )}
            <button
              type="button"
              class="ws-btn"
              onClick={() => {
                setDraft((d) =>
                  d
                    ? {
                        ...d,
                        greeting: d.greeting || SUGGESTED.greeting,
                        closing: d.closing || SUGGESTED.closing,
                        reminder: d.reminder || SUGGESTED.reminder,
                        reminderAfter: d.reminderAfter === '0' ? '3' : d.reminderAfter,
                        closeAfter: d.closeAfter === '0' ? '5' : d.closeAfter,
                      }
                    : d,
                );
                setSaved(false);
              }}
            >
              {t('am.suggest')}
            </button>
            <button type="submit" class="ws-btn ws-btn-primary" disabled={busy}>
              {busy ? t('common.saving') : t('am.save')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

// Import a CSV or JSON Lines file (a background job, polled for progress and its report) and
// export the whole knowledge base.

import { useEffect, useId, useState } from 'preact/hooks';
import { kbApi, type ImportFormat, type ImportJob } from './api';
import { formatOfFileName } from './format';
import { errorText, type KbT } from './messages';
import { ErrorLine } from './Feedback';
import { ImportErrors } from './ImportErrors';

const POLL_MS = 300;
/** The server's limit for one import (docs/protocol.md). */
const MAX_IMPORT_BYTES = 32 * 1024 * 1024;
/** Consecutive failed polls before the page gives up on a job. */
const MAX_POLL_FAILURES = 10;

export function ImportExportView({ t }: { t: KbT }) {
  return (
    <>
      <ImportSection t={t} />
      <ExportSection t={t} />
    </>
  );
}

function ImportSection({ t }: { t: KbT }) {
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<ImportFormat>('csv');
  const [job, setJob] = useState<ImportJob | null>(null);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fileId = useId();

  const running = uploading || (job !== null && (job.state === 'parsing' || job.state === 'saving'));

  // Poll the job until it is done or failed; stops when the page is left.
  const jobId = job?.id ?? null;
  useEffect(() => {
    if (!jobId || !running) return;
    let stopped = false;
    let failures = 0;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const next = await kbApi.importJob(jobId);
        if (stopped) return;
        failures = 0;
        setJob(next);
        if (next.state === 'done' || next.state === 'failed') return;
      } catch (e) {
        if (stopped) return;
        if (++failures >= MAX_POLL_FAILURES) {
          setError(errorText(e, t));
          setJob((j) => (j ? { ...j, state: 'failed' } : j));
          return;
        }
      }
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    timer = setTimeout(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // Polling depends on the job's identity and whether it still runs, not on each update.
  }, [jobId, running]);

  const onFile = (e: Event) => {
    const picked = (e.currentTarget as HTMLInputElement).files?.[0] ?? null;
    setFile(picked);
    setError(null);
    const guessed = picked ? formatOfFileName(picked.name) : null;
    if (guessed) setFormat(guessed);
  };

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (!file || running) return;
    if (file.size > MAX_IMPORT_BYTES) {
      setError(t('err.tooLarge'));
      return;
    }
    setUploading(true);
    setError(null);
    setJob(null);
    try {
      setJob(await kbApi.startImport(file, format));
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setUploading(false);
    }
  };

  return (
    <section class="kb-section" aria-labelledby="kb-import-title">
      <div class="kb-section-head">
        <h2 id="kb-import-title">{t('import.title')}</h2>
      </div>
      <p class="ws-muted kb-help">{t('import.help')}</p>
      <form class="kb-toolbar" onSubmit={(e) => void onSubmit(e)}>
        <div class="kb-inline-field">
          <label for={fileId}>{t('import.file')}</label>
          <input id={fileId} type="file" accept=".csv,.jsonl,.ndjson,text/csv,application/x-ndjson" onChange={onFile} />
        </div>
        <div class="kb-inline-field">
          <label for={`${fileId}-format`}>{t('import.format')}</label>
          <select
            id={`${fileId}-format`}
            value={format}
            onChange={(e) => setFormat((e.currentTarget as HTMLSelectElement).value as ImportFormat)}
          >
            <option value="csv">CSV</option>
            <option value="jsonl">JSON Lines</option>
          </select>
        </div>
        <button type="submit" class="ws-btn ws-btn-primary" disabled={!file || running}>
          {uploading ? t('import.uploading') : t('import.start')}
        </button>
      </form>
      <ErrorLine text={error} />
      {job && <JobReport job={job} t={t} />}
    </section>
  );
}

function JobReport({ job, t }: { job: ImportJob; t: KbT }) {
  const finished = job.state === 'done' || job.state === 'failed';
  // While parsing the total is not known yet: an indeterminate bar. While saving, the bar
  // follows the valid rows saved.
  const known = job.rows > 0;
  const saving = job.state === 'saving' && job.accepted > 0;
  const max = saving ? job.accepted : job.rows;
  const value = finished ? max : saving ? Math.min(job.saved, job.accepted) : Math.min(job.processed, job.rows);
  return (
    <div class="kb-job" data-testid="kb-import-job" data-state={job.state}>
      <div class="kb-job-line">
        <span class={`kb-pill kb-job-${job.state}`}>{t(`import.state.${job.state}`)}</span>
        <span role="status" data-testid="kb-import-progress">
          {saving
            ? t('import.saving', { saved: job.saved, accepted: job.accepted })
            : known
              ? t('import.progress', { processed: job.processed, rows: job.rows })
              : t('import.progressUnknown')}
        </span>
      </div>
      {known ? (
        <progress
          key="known"
          class="kb-progress"
          aria-label={t('import.progressLabel')}
          max={max}
          value={value}
        />
      ) : (
        <progress key="unknown" class="kb-progress" aria-label={t('import.progressLabel')} />
      )}
      {job.state === 'failed' && job.message && (
        <p class="ws-error" role="alert">
          {job.message}
        </p>
      )}
      {finished && (
        <div class="kb-report" role="region" aria-label={t('import.report')}>
          <dl class="kb-report-counts">
            <div>
              <dt>{t('import.accepted')}</dt>
              <dd data-testid="kb-import-accepted">{job.accepted}</dd>
            </div>
            <div>
              <dt>{t('import.rejected')}</dt>
              <dd data-testid="kb-import-rejected" class={job.rejected > 0 ? 'kb-bad' : undefined}>
                {job.rejected}
              </dd>
            </div>
          </dl>
          {job.errors.length > 0 && (
            <div class="kb-table-wrap kb-errors">
              <ImportErrors
                errors={job.errors}
                caption={t('import.errors')}
                lineLabel={t('import.col.line')}
                reasonLabel={t('import.col.reason')}
              />
              {job.errors.length < job.rejected && (
                <p class="ws-muted ws-small">{t('import.errorsTruncated', { shown: job.errors.length, total: job.rejected })}</p>
              )}
            </div>
          )}
        </div>
      )}
    </div>
  );
}

function ExportSection({ t }: { t: KbT }) {
  return (
    <section class="kb-section" aria-labelledby="kb-export-title">
      <div class="kb-section-head">
        <h2 id="kb-export-title">{t('export.title')}</h2>
      </div>
      <p class="ws-muted kb-help">{t('export.help')}</p>
      <div class="kb-toolbar">
        <a class="ws-btn" href={kbApi.exportUrl('csv')} download="">
          {t('export.csv')}
        </a>
        <a class="ws-btn" href={kbApi.exportUrl('jsonl')} download="">
          {t('export.jsonl')}
        </a>
      </div>
    </section>
  );
}

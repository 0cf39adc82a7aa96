// Agent assist's data: knowledge-base entries matching the customer's latest question
// (`GET /api/kb/entries?q=`), looked up again a moment after each new visitor message; a lookup
// that a newer one replaces is cancelled.

import { useEffect, useState } from 'preact/hooks';
import type { KefuEvent } from '../../shared/protocol';
import { ApiError } from '../api';
import { latestQuestion, usableSuggestions, type AssistEntry } from './logic';

/** Wait this long after a new visitor message (they often come in bursts). */
const DEBOUNCE_MS = 300;
/** Ask for a few more than shown: disabled and expired entries may be among them. */
const FETCH_LIMIT = 8;

export type AssistStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface AssistState {
  status: AssistStatus;
  /** The question the suggestions are for (the latest visitor message), if any. */
  question: string | null;
  suggestions: readonly AssistEntry[];
  /** Known after a search found nothing: the knowledge base has no entries at all. */
  kbEmpty: boolean;
  error: string | null;
  retry: () => void;
}

interface EntriesPage {
  entries?: AssistEntry[];
  total?: number;
}

async function getEntries(params: Record<string, string>, signal: AbortSignal): Promise<EntriesPage> {
  const path = `/api/kb/entries?${new URLSearchParams(params).toString()}`;
  let res: Response;
  try {
    res = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store', signal });
  } catch (e) {
    if (signal.aborted) throw e;
    throw new ApiError(0, 'network', e instanceof Error ? e.message : String(e));
  }
  const data = (await res.json().catch(() => null)) as (EntriesPage & { error?: { code?: string; message?: string } }) | null;
  if (!res.ok) throw new ApiError(res.status, data?.error?.code ?? `http_${res.status}`, data?.error?.message ?? res.statusText);
  return data ?? {};
}

/** Suggestions for the conversation's latest visitor message. */
export function useAssist(conversationId: string, events: readonly KefuEvent[]): AssistState {
  const latest = latestQuestion(events);
  const question = latest?.text ?? null;
  /** What the suggestions are for: this conversation's message `seq`. */
  const key = `${conversationId} ${latest?.seq ?? 0}`;
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<Result>({ key: '', attempt: -1, suggestions: [], kbEmpty: false, error: null });

  useEffect(() => {
    if (question === null) return undefined;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      void (async () => {
        try {
          const page = await getEntries({ q: question, limit: String(FETCH_LIMIT) }, abort.signal);
          const entries = page.entries ?? [];
          let kbEmpty = false;
          if (entries.length === 0) {
            // Nothing at all: an empty knowledge base says so differently.
            const all = await getEntries({ limit: '1' }, abort.signal);
            kbEmpty = (all.total ?? all.entries?.length ?? 0) === 0;
          }
          setResult({ key, attempt, suggestions: usableSuggestions(entries, Date.now()), kbEmpty, error: null });
        } catch (e) {
          if (abort.signal.aborted) return;
          const error = e instanceof ApiError ? e.message || e.code : String(e);
          setResult({ key, attempt, suggestions: [], kbEmpty: false, error });
        }
      })();
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [key, question, attempt]);

  const current = result.key === key && result.attempt === attempt;
  // While the next answer is on its way, the previous suggestions of the same conversation stay
  // (no jump); another conversation's are never shown.
  const sameConversation = result.key.split(' ')[0] === conversationId;
  let status: AssistStatus;
  if (question === null) status = 'idle';
  else if (!current) status = 'loading';
  else status = result.error !== null ? 'error' : 'ready';
  return {
    status,
    question,
    suggestions: question !== null && sameConversation ? result.suggestions : [],
    kbEmpty: current && result.kbEmpty,
    error: current ? result.error : null,
    retry: () => setAttempt((n) => n + 1),
  };
}

interface Result {
  key: string;
  attempt: number;
  suggestions: readonly AssistEntry[];
  kbEmpty: boolean;
  error: string | null;
}

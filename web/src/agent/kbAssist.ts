// Knowledge-base calls the conversation pane makes for the agent ("Knowledge base and bot" in
// docs/protocol.md): find entries matching a customer's words, and add those words to an entry
// as a similar question.

import { request } from './api';

/** The fields of a knowledge-base entry this workspace shows (the server sends more). */
export interface KbEntryMatch {
  id: string;
  question: string;
  similar: string[];
  category: string;
  /** How well the entry matches the query (0–1), present for searches with `q`. */
  confidence?: number;
}

/** Entries best matching `query`, best first. */
export async function searchKbEntries(query: string, limit = 5): Promise<KbEntryMatch[]> {
  const params = new URLSearchParams({ q: query, limit: String(limit) });
  const data = await request<{ entries?: KbEntryMatch[] }>('GET', `/api/kb/entries?${params.toString()}`);
  return data.entries ?? [];
}

/**
 * Add a customer's wording to an entry as a similar question. Rejects with ApiError; status 409
 * means the entry already has it.
 */
export async function addSimilarQuestion(entryId: string, question: string, csrf: string): Promise<KbEntryMatch> {
  const path = `/api/kb/entries/${encodeURIComponent(entryId)}/similar`;
  const data = await request<{ entry: KbEntryMatch }>('POST', path, { question }, csrf);
  return data.entry;
}

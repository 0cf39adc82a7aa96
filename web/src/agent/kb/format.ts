// Small conversions between the API's values and the text the forms edit.

import type { ImportFormat, KbEntry } from './api';

/** Non-blank trimmed lines of a textarea. */
export function splitLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** Comma-separated items (ASCII, full-width or ideographic commas). */
export function splitComma(text: string): string[] {
  return text
    .split(/[,，、]/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** One synonym group per line, words separated by spaces (or commas). */
export function splitGroups(text: string): string[][] {
  return splitLines(text)
    .map((line) => line.split(/[\s,，、]+/).filter((w) => w !== ''))
    .filter((g) => g.length > 0);
}

/** The `YYYY-MM-DD` a date input shows for an API date (`YYYY-MM-DD` or a UTC timestamp). */
export function dateInputValue(value: string | null): string {
  return value ? value.slice(0, 10) : '';
}

/**
 * The API date for a date input. An untouched input keeps the original value, so a validity
 * that was imported with a time of day is not cut to midnight by an unrelated edit.
 */
export function dateFromInput(input: string, original: string | null): string | null {
  if (input === '') return null;
  if (original && dateInputValue(original) === input) return original;
  return input;
}

export type Validity = 'always' | 'active' | 'pending' | 'expired';

function dateMillis(value: string): number {
  const iso = value.length === 10 ? `${value}T00:00:00Z` : value;
  return Date.parse(iso);
}

/** Whether the entry's validity window covers `now` (valid_to is exclusive). */
export function validityOf(entry: Pick<KbEntry, 'valid_from' | 'valid_to'>, now = Date.now()): Validity {
  if (!entry.valid_from && !entry.valid_to) return 'always';
  if (entry.valid_from && now < dateMillis(entry.valid_from)) return 'pending';
  if (entry.valid_to && now >= dateMillis(entry.valid_to)) return 'expired';
  return 'active';
}

/** A 0–1 confidence as a percentage. */
export function percent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${Math.round(value * 100)}%`;
}

/** The import format a file name suggests, if any. */
export function formatOfFileName(name: string): ImportFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson') || lower.endsWith('.json')) return 'jsonl';
  return null;
}

// Which canned replies a "/code" typed in the reply box offers, best first. Pure (unit-tested
// with variables.ts by `npm run test:unit`).

/** The fields of a canned reply the matching looks at. */
export interface Matchable {
  code: string;
  title: string;
  text: string;
  scope: 'team' | 'personal';
}

/**
 * The "/code" being typed at the caret: a "/" at the start of the box or after a space or line
 * break, followed by the characters up to the caret (no spaces, no other "/"). Returns the query
 * and where the "/" is, or null when the caret is not in such a token.
 */
export function slashQueryAt(value: string, caret: number): { query: string; start: number } | null {
  const before = value.slice(0, caret);
  const m = /(^|\s)\/([^\s/]*)$/.exec(before);
  if (!m) return null;
  const query = m[2] ?? '';
  return { query, start: caret - query.length - 1 };
}

/**
 * The replies matching `query`, at most `limit`: codes starting with it first (an exact code
 * first of all), then codes containing it, then titles, then texts; within a rank a personal
 * reply comes before the team's (it shadows the team's reply with the same code), then by code.
 * Case-insensitive. An empty query lists every reply by code.
 */
export function matchCanned<T extends Matchable>(replies: readonly T[], query: string, limit: number): T[] {
  const q = query.trim().toLowerCase();
  const rank = (r: T): number => {
    const code = r.code.toLowerCase();
    if (q === '' || code === q) return 0;
    if (code.startsWith(q)) return 1;
    if (code.includes(q)) return 2;
    if (r.title.toLowerCase().includes(q)) return 3;
    if (r.text.toLowerCase().includes(q)) return 4;
    return -1;
  };
  return replies
    .map((r) => ({ r, rank: rank(r) }))
    .filter((x) => x.rank >= 0)
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        (a.r.scope === b.r.scope ? 0 : a.r.scope === 'personal' ? -1 : 1) ||
        a.r.code.localeCompare(b.r.code),
    )
    .slice(0, limit)
    .map((x) => x.r);
}

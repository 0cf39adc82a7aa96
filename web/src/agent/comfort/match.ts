// Finding a search term in a transcript text. Pure: unit-tested by notify.test.ts through
// `npm run test:unit`. Case-insensitive; full-width Latin letters and digits (ＡＢＣ１２３, common
// with Chinese input methods) match their ASCII forms. Offsets are into the original text.

/** [start, end) of one match. */
export type Range = readonly [number, number];

/** One UTF-16 unit folded for comparison, keeping the text's length (so offsets stay valid). */
function foldUnit(ch: string): string {
  const code = ch.charCodeAt(0);
  // Full-width forms of ASCII ！ to ～.
  if (code >= 0xff01 && code <= 0xff5e) ch = String.fromCharCode(code - 0xfee0);
  else if (code === 0x3000) return ' ';
  const lower = ch.toLowerCase();
  return lower.length === 1 ? lower : ch;
}

export function foldText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += foldUnit(text[i]!);
  return out;
}

/** Every non-overlapping occurrence of `query` in `text`, in order. Blank queries match nothing. */
export function findMatches(text: string, query: string): Range[] {
  const q = foldText(query.trim());
  if (q === '') return [];
  const hay = foldText(text);
  const out: Range[] = [];
  let from = 0;
  for (;;) {
    const at = hay.indexOf(q, from);
    if (at < 0) break;
    out.push([at, at + q.length]);
    from = at + q.length;
  }
  return out;
}

/** The text cut into plain and matching pieces, for rendering the matches as elements. */
export function splitByRanges(text: string, ranges: readonly Range[]): { text: string; match: number | null }[] {
  const parts: { text: string; match: number | null }[] = [];
  let pos = 0;
  ranges.forEach(([start, end], i) => {
    if (start > pos) parts.push({ text: text.slice(pos, start), match: null });
    parts.push({ text: text.slice(start, end), match: i });
    pos = end;
  });
  if (pos < text.length || parts.length === 0) parts.push({ text: text.slice(pos), match: null });
  return parts;
}

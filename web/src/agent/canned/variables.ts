// Variables of canned replies: placeholders in braces that the workspace fills in when a reply is
// inserted into the reply box (the agent can still edit the result before sending). Pure: no DOM,
// no clock of its own, so that `node --test` runs it as it is (see variables.test.ts).
//
// The rules (docs/protocol.md, "Canned replies", says the same):
// - A variable is a name in braces. Each has a Simplified Chinese, a Traditional Chinese and an
//   English name, all equivalent:
//     {客户名} {客戶名} {customer_name}   the customer's display name
//     {客服名} {客服名} {agent_name}      the signed-in agent's name
//     {企业名} {企業名} {company}         the tenant's (company's) name
//     {队列}   {隊列}   {queue}          the conversation's queue
//     {日期}   {日期}   {date}           today, YYYY-MM-DD (the agent's local time)
//     {时间}   {時間}   {time}           now, HH:MM (24 h, the agent's local time)
// - Names are matched exactly (English ones case-insensitively), without spaces inside braces.
// - Anything else in braces is left exactly as written and reported as unknown, so the editor
//   can flag it; text without braces is never changed. A known variable whose value is missing
//   (e.g. no conversation open) is also left as written.

export type VariableName = 'customer_name' | 'agent_name' | 'company' | 'queue' | 'date' | 'time';

/** Every spelling of each variable, the Simplified Chinese one first (the one editors offer). */
export const VARIABLES: Readonly<Record<VariableName, readonly string[]>> = {
  customer_name: ['客户名', '客戶名', 'customer_name'],
  agent_name: ['客服名', 'agent_name'],
  company: ['企业名', '企業名', 'company'],
  queue: ['队列', '隊列', 'queue'],
  date: ['日期', 'date'],
  time: ['时间', '時間', 'time'],
};

/** What the variables stand for when a reply is inserted. */
export interface VariableValues {
  customer_name?: string;
  agent_name?: string;
  company?: string;
  queue?: string;
  /** The moment {date} and {time} show. */
  now?: Date;
}

export interface Expansion {
  text: string;
  /** Placeholders that are not variables, as written (with braces), once each, in order. */
  unknown: string[];
}

const PLACEHOLDER = /\{([^{}\s]{1,32})\}/g;

const BY_SPELLING: ReadonlyMap<string, VariableName> = new Map(
  (Object.entries(VARIABLES) as [VariableName, readonly string[]][]).flatMap(([name, spellings]) =>
    spellings.map((s) => [s.toLowerCase(), name] as const),
  ),
);

/** The variable a placeholder's inner name stands for, or null. */
export function variableOf(inner: string): VariableName | null {
  return BY_SPELLING.get(inner.toLowerCase()) ?? null;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function valueOf(name: VariableName, values: VariableValues): string | undefined {
  switch (name) {
    case 'date':
      return values.now ? `${values.now.getFullYear()}-${pad(values.now.getMonth() + 1)}-${pad(values.now.getDate())}` : undefined;
    case 'time':
      return values.now ? `${pad(values.now.getHours())}:${pad(values.now.getMinutes())}` : undefined;
    default:
      return values[name];
  }
}

/** Fills in the variables of `text`; unknown placeholders stay as written and are listed. */
export function expandVariables(text: string, values: VariableValues): Expansion {
  const unknown: string[] = [];
  const expanded = text.replace(PLACEHOLDER, (whole, inner: string) => {
    const name = variableOf(inner);
    if (name === null) {
      if (!unknown.includes(whole)) unknown.push(whole);
      return whole;
    }
    const value = valueOf(name, values);
    return value === undefined || value === '' ? whole : value;
  });
  return { text: expanded, unknown };
}

/** The placeholders of `text` that are not variables (for the editor's warning). */
export function unknownVariables(text: string): string[] {
  return expandVariables(text, {}).unknown;
}

/** How a variable is written for editors of a language: its Simplified, Traditional or English name. */
export function spellingFor(name: VariableName, lang: 'zh-CN' | 'zh-TW' | 'en'): string {
  const spellings = VARIABLES[name];
  if (lang === 'en') return spellings[spellings.length - 1] ?? name;
  if (lang === 'zh-TW' && spellings.length === 3) return spellings[1] ?? name;
  return spellings[0] ?? name;
}

// The profile editor's pure logic: the draft the form edits, its validation (the server's limits,
// docs/protocol.md "Customer profile"), and the PATCH body of what changed. No DOM here, so the
// unit tests run it under node.

import type { CustomerProfile, ProfileAttribute, ProfilePatch } from './api';
import type { ProfileKey } from './messages';

export const LIMITS = {
  name: 50,
  phone: 40,
  email: 200,
  vipMax: 9,
  tags: 20,
  tag: 40,
  attributes: 30,
  attrKey: 40,
  attrValue: 200,
  note: 1000,
} as const;

export interface AttributeRow {
  /** Stable across edits (the list's key), never sent. */
  uid: number;
  key: string;
  value: string;
}

export interface ProfileDraft {
  name: string;
  phone: string;
  email: string;
  vip: number;
  tags: string[];
  /** What is typed in the tag input and not yet a chip: it counts as a tag when saving. */
  tagInput: string;
  attributes: AttributeRow[];
  note: string;
}

export type FieldName = 'name' | 'phone' | 'email' | 'vip' | 'tags' | 'attributes' | 'note';

export interface DraftError {
  field: FieldName;
  key: ProfileKey;
  params?: Record<string, string | number>;
  /** For an attribute: the row's uid. */
  row?: number;
  /** For an attribute: which of its inputs. */
  part?: 'key' | 'value';
}

let nextUid = 1;

export function newRow(key = '', value = ''): AttributeRow {
  return { uid: nextUid++, key, value };
}

export function draftOf(p: CustomerProfile): ProfileDraft {
  return {
    name: p.name,
    phone: p.phone,
    email: p.email,
    vip: p.vip,
    tags: [...p.tags],
    tagInput: '',
    attributes: p.attributes.map((a) => newRow(a.key, a.value)),
    note: p.note,
  };
}

/** Length in characters as people count them (code points: an emoji is one). */
export function chars(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Tags typed into the chip input: separated by commas (also Chinese ones) or 、. */
export function splitTags(text: string): string[] {
  return text
    .split(/[,，、;；\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Add tags to a list, keeping the first of duplicates. */
export function addTags(tags: readonly string[], more: readonly string[]): string[] {
  const out = [...tags];
  for (const tag of more) if (!out.includes(tag)) out.push(tag);
  return out;
}

/** The tags the draft stands for: the chips plus what is still typed in the input. */
export function draftTags(d: ProfileDraft): string[] {
  return addTags(d.tags, splitTags(d.tagInput));
}

/** The attributes the draft stands for: trimmed, rows left wholly empty dropped. */
export function draftAttributes(d: ProfileDraft): ProfileAttribute[] {
  return d.attributes
    .map((r) => ({ key: r.key.trim(), value: r.value.trim() }))
    .filter((a) => a.key !== '' || a.value !== '');
}

/** Everything wrong with the draft, in the form's order; empty when it can be saved. */
export function validateDraft(d: ProfileDraft): DraftError[] {
  const errors: DraftError[] = [];
  const name = d.name.trim();
  if (name === '') errors.push({ field: 'name', key: 'err.nameEmpty' });
  else if (chars(name) > LIMITS.name) errors.push({ field: 'name', key: 'err.tooLong', params: { max: LIMITS.name } });
  if (chars(d.phone.trim()) > LIMITS.phone) errors.push({ field: 'phone', key: 'err.tooLong', params: { max: LIMITS.phone } });
  // The address's form is the server's to judge (its reason is shown); only the length here.
  if (chars(d.email.trim()) > LIMITS.email) errors.push({ field: 'email', key: 'err.tooLong', params: { max: LIMITS.email } });
  if (!Number.isInteger(d.vip) || d.vip < 0 || d.vip > LIMITS.vipMax) errors.push({ field: 'vip', key: 'err.vip' });

  const tags = draftTags(d);
  const longTag = tags.find((t) => chars(t) > LIMITS.tag);
  if (longTag !== undefined) errors.push({ field: 'tags', key: 'err.tagTooLong', params: { tag: longTag, max: LIMITS.tag } });
  else if (tags.length > LIMITS.tags) errors.push({ field: 'tags', key: 'err.tooManyTags', params: { max: LIMITS.tags } });

  const seen = new Set<string>();
  let kept = 0;
  for (const row of d.attributes) {
    const key = row.key.trim();
    const value = row.value.trim();
    if (key === '' && value === '') continue;
    kept++;
    if (key === '') errors.push({ field: 'attributes', key: 'err.attrKeyEmpty', row: row.uid, part: 'key' });
    else if (chars(key) > LIMITS.attrKey)
      errors.push({ field: 'attributes', key: 'err.attrKeyTooLong', params: { max: LIMITS.attrKey }, row: row.uid, part: 'key' });
    else if (seen.has(key)) errors.push({ field: 'attributes', key: 'err.attrKeyDup', params: { key }, row: row.uid, part: 'key' });
    if (chars(value) > LIMITS.attrValue)
      errors.push({ field: 'attributes', key: 'err.attrValueTooLong', params: { max: LIMITS.attrValue }, row: row.uid, part: 'value' });
    if (key !== '') seen.add(key);
  }
  if (kept > LIMITS.attributes) errors.push({ field: 'attributes', key: 'err.tooManyAttrs', params: { max: LIMITS.attributes } });

  if (chars(d.note.trim()) > LIMITS.note) errors.push({ field: 'note', key: 'err.tooLong', params: { max: LIMITS.note } });
  return errors;
}

function sameList<T>(a: readonly T[], b: readonly T[], eq: (x: T, y: T) => boolean): boolean {
  return a.length === b.length && a.every((x, i) => eq(x, b[i]!));
}

/**
 * The PATCH body: only the fields that differ from the profile the editor started from, so an
 * edit of the note never rewrites the tags someone else changed meanwhile. Empty when nothing
 * changed.
 */
export function patchOf(d: ProfileDraft, from: CustomerProfile): ProfilePatch {
  const patch: ProfilePatch = {};
  const name = d.name.trim();
  const phone = d.phone.trim();
  const email = d.email.trim();
  const note = d.note.trim();
  if (name !== from.name) patch.name = name;
  if (phone !== from.phone) patch.phone = phone;
  if (email !== from.email) patch.email = email;
  if (d.vip !== from.vip) patch.vip = d.vip;
  const tags = draftTags(d);
  if (!sameList(tags, from.tags, (x, y) => x === y)) patch.tags = tags;
  const attributes = draftAttributes(d);
  if (!sameList(attributes, from.attributes, (x, y) => x.key === y.key && x.value === y.value)) patch.attributes = attributes;
  if (note !== from.note) patch.note = note;
  return patch;
}

/**
 * Which field a server's refusal is about, when its message names exactly one (the server's
 * messages name the field, e.g. "email must contain @"); null otherwise.
 */
export function fieldOfMessage(message: string): FieldName | null {
  const fields: FieldName[] = ['name', 'phone', 'email', 'vip', 'tags', 'attributes', 'note'];
  const found = fields.filter((f) => {
    const singular = f === 'tags' ? 'tag' : f === 'attributes' ? 'attribute' : f;
    return new RegExp(`\\b(${f}|${singular})\\b`, 'i').test(message);
  });
  return found.length === 1 ? found[0]! : null;
}

// Unit tests of the profile editor's pure logic: validation against the server's limits, tag
// parsing, and the PATCH body of only what changed. Run by `npm run test:unit`.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CustomerProfile } from './api.js';
import { chars, draftOf, fieldOfMessage, newRow, patchOf, splitTags, validateDraft, type ProfileDraft } from './draft.js';

const profile: CustomerProfile = {
  id: 'vu_1',
  name: '张三',
  phone: '13800000000',
  email: 'a@b.cn',
  vip: 3,
  tags: ['vip', '信用卡'],
  attributes: [{ key: '会员等级', value: '金卡' }],
  note: '',
  verified: true,
  user_id: 'u-1001',
  created_at: 1,
  updated_at: 2,
  updated_by: null,
};

function edit(patch: Partial<ProfileDraft>): ProfileDraft {
  return { ...draftOf(profile), ...patch };
}

test('an unchanged draft is valid and patches nothing', () => {
  const d = draftOf(profile);
  assert.deepEqual(validateDraft(d), []);
  assert.deepEqual(patchOf(d, profile), {});
});

test('only changed fields are sent, trimmed; typed tag text counts as a tag', () => {
  const d = edit({ note: '  客户要求电话回访 ', tagInput: '投诉', vip: 0 });
  assert.deepEqual(patchOf(d, profile), { vip: 0, tags: ['vip', '信用卡', '投诉'], note: '客户要求电话回访' });
});

test('attribute rows: blank rows dropped, values trimmed, order kept', () => {
  const d = edit({ attributes: [newRow('会员等级', '白金卡 '), newRow('', ''), newRow('来源', '官网')] });
  assert.deepEqual(patchOf(d, profile), {
    attributes: [
      { key: '会员等级', value: '白金卡' },
      { key: '来源', value: '官网' },
    ],
  });
});

test('limits of the server are checked', () => {
  const keys = (d: ProfileDraft) => validateDraft(d).map((e) => `${e.field}:${e.key}`);
  assert.deepEqual(keys(edit({ name: '  ' })), ['name:err.nameEmpty']);
  assert.deepEqual(keys(edit({ name: '名'.repeat(51) })), ['name:err.tooLong']);
  assert.deepEqual(keys(edit({ name: '名'.repeat(50) })), []);
  assert.deepEqual(keys(edit({ phone: '1'.repeat(41) })), ['phone:err.tooLong']);
  assert.deepEqual(keys(edit({ email: `${'a'.repeat(196)}@b.cn` })), ['email:err.tooLong']);
  assert.deepEqual(keys(edit({ vip: 10 })), ['vip:err.vip']);
  assert.deepEqual(keys(edit({ tags: ['x'.repeat(41)] })), ['tags:err.tagTooLong']);
  assert.deepEqual(keys(edit({ tags: Array.from({ length: 21 }, (_, i) => `t${i}`) })), ['tags:err.tooManyTags']);
  assert.deepEqual(keys(edit({ attributes: [newRow('', '值')] })), ['attributes:err.attrKeyEmpty']);
  assert.deepEqual(keys(edit({ attributes: [newRow('a', '1'), newRow(' a', '2')] })), ['attributes:err.attrKeyDup']);
  assert.deepEqual(keys(edit({ attributes: [newRow('k'.repeat(41), '1')] })), ['attributes:err.attrKeyTooLong']);
  assert.deepEqual(keys(edit({ attributes: [newRow('k', 'v'.repeat(201))] })), ['attributes:err.attrValueTooLong']);
  assert.deepEqual(
    keys(edit({ attributes: Array.from({ length: 31 }, (_, i) => newRow(`k${i}`, 'v')) })),
    ['attributes:err.tooManyAttrs'],
  );
  assert.deepEqual(keys(edit({ note: 'n'.repeat(1001) })), ['note:err.tooLong']);
});

test('emoji count as one character', () => {
  assert.equal(chars('😀😀'), 2);
  assert.deepEqual(validateDraft(edit({ name: '😀'.repeat(50) })), []);
});

test('tags split on ASCII and Chinese separators, blanks dropped', () => {
  assert.deepEqual(splitTags('a, b，c、 ;d；'), ['a', 'b', 'c', 'd']);
});

test('a server message naming one field points at it', () => {
  assert.equal(fieldOfMessage('email must contain "@"'), 'email');
  assert.equal(fieldOfMessage('attribute keys must be unique'), 'attributes');
  assert.equal(fieldOfMessage('a tag is 1–40 characters'), 'tags');
  assert.equal(fieldOfMessage('bad request'), null);
});

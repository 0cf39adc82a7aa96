// Unit tests of the command ids: printable, within the protocol's 64 characters, unique, and
// increasing in byte order — within a millisecond and when the clock steps back.
// Run by `npm run test:unit` (compiled by tsc, then `node --test`).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newCommandId } from './ids.js';

test('ids are printable ASCII of at most 64 characters', () => {
  const id = newCommandId();
  assert.match(id, /^[\x21-\x7e]{1,64}$/);
});

test('ids increase in byte order and never repeat, whatever the clock does', () => {
  const base = Date.UTC(2026, 10, 24, 4, 0, 0);
  const times = [base, base, base, base + 1, base + 1000, base + 999, base - 5000, base + 2000];
  const ids = times.map((t) => newCommandId(t));
  ids.reduce((previous, id) => {
    assert.ok(previous < id, `${previous} < ${id}`);
    return id;
  });
  assert.equal(new Set(ids).size, ids.length);
});

test('a later millisecond sorts after any counter of an earlier one', () => {
  const base = Date.UTC(2027, 0, 1);
  let last = '';
  for (let i = 0; i < 2000; i++) last = newCommandId(base);
  assert.ok(last < newCommandId(base + 1));
});

// Unit tests of the bot settings form's handoff-route rows: loading, and what a save sends.
// Run by `npm run test:unit` (compiled by tsc, then `node --test`).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isIncomplete, newRouteRow, routeRowsOf, routesOf } from './handoff.js';

test('saved routes become rows with distinct keys; an older server has none', () => {
  const rows = routeRowsOf([
    { category: '账户', queue: 'q-1' },
    { category: '信用卡', queue: 'q-2' },
  ]);
  assert.deepEqual(
    rows.map(({ category, queue }) => ({ category, queue })),
    [
      { category: '账户', queue: 'q-1' },
      { category: '信用卡', queue: 'q-2' },
    ],
  );
  assert.equal(new Set([...rows, newRouteRow()].map((r) => r.key)).size, 3);
  assert.deepEqual(routeRowsOf(undefined), []);
});

test('only a row with exactly one select chosen is incomplete', () => {
  assert.equal(isIncomplete(newRouteRow('账户', '')), true);
  assert.equal(isIncomplete(newRouteRow('', 'q-1')), true);
  assert.equal(isIncomplete(newRouteRow('账户', 'q-1')), false);
  assert.equal(isIncomplete(newRouteRow()), false);
});

test('a save sends the complete rows in order, without keys, and drops untouched ones', () => {
  const rows = [newRouteRow('账户', 'q-1'), newRouteRow(), newRouteRow('信用卡', 'q-2')];
  assert.deepEqual(routesOf(rows), [
    { category: '账户', queue: 'q-1' },
    { category: '信用卡', queue: 'q-2' },
  ]);
  assert.deepEqual(routesOf([]), []);
});

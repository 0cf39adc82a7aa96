// Unit tests of the system events' text: the bot's routed handoff names its queue and category,
// falls back to the plain queue line without a category, and the other transfers read as before.
// (The message tables themselves are checked by the type checker: every language has every key.)
// Run by `npm run test:unit` (compiled by tsc, then `node --test`).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Params } from './i18n.js';
import type { NamedRef, SystemEvent, TransferBy } from './protocol.js';
import { systemText, transferNote, type SystemKey } from './system.js';

const cards: NamedRef = { id: 'q-cards', name: '信用卡' };

function transferred(by: TransferBy, note: string, extra: { to_agent?: NamedRef; from?: NamedRef } = {}): SystemEvent {
  return {
    type: 'event',
    conversation: 'c1',
    seq: 7,
    at: 1_700_000_000_000,
    kind: 'system',
    code: 'transferred',
    from: extra.from ?? null,
    to_queue: cards,
    note,
    by,
    ...(extra.to_agent ? { to_agent: extra.to_agent } : {}),
  };
}

/** A translator that records the key and parameters it was asked for. */
function recorder(): { t: (key: SystemKey, params?: Params) => string; calls: [SystemKey, Params | undefined][] } {
  const calls: [SystemKey, Params | undefined][] = [];
  return {
    calls,
    t: (key, params) => {
      calls.push([key, params]);
      return key;
    },
  };
}

test("the bot's routed handoff names the queue and the category", () => {
  const { t, calls } = recorder();
  assert.equal(systemText(transferred('bot', ' 账户 '), t), 'sys.transferred.bot');
  assert.deepEqual(calls, [['sys.transferred.bot', { queue: '信用卡', category: '账户' }]]);
});

test('a bot handoff without a category reads as a plain move to the queue', () => {
  for (const note of ['', '   ']) {
    const { t, calls } = recorder();
    systemText(transferred('bot', note), t);
    assert.deepEqual(calls, [['sys.transferred.queue', { queue: '信用卡' }]]);
  }
});

test('overflow and agent transfers are unchanged, whatever their note', () => {
  const overflow = recorder();
  systemText(transferred('overflow', '账户'), overflow.t);
  assert.deepEqual(overflow.calls, [['sys.transferred.overflow', { queue: '信用卡' }]]);

  const toAgent = recorder();
  systemText(transferred('agent', '老客户', { to_agent: { id: 'a2', name: '王小明' } }), toAgent.t);
  assert.deepEqual(toAgent.calls, [['sys.transferred.agent', { agent: '王小明' }]]);

  const toQueue = recorder();
  systemText(transferred('supervisor', '账户'), toQueue.t);
  assert.deepEqual(toQueue.calls, [['sys.transferred.queue', { queue: '信用卡' }]]);
});

test("a transfer's note is shown, except the bot's category that its line already says", () => {
  const from: NamedRef = { id: 'a1', name: '李雷' };
  assert.equal(transferNote(transferred('agent', '  老客户，请优先  ', { from })), '老客户，请优先');
  assert.equal(transferNote(transferred('supervisor', '')), '');
  assert.equal(transferNote(transferred('bot', '账户')), '');
  const closed: SystemEvent = { type: 'event', conversation: 'c1', seq: 8, at: 1, kind: 'system', code: 'closed', by: 'agent' };
  assert.equal(transferNote(closed), '');
});

// Unit tests of the workspace comfort features' pure logic: which events alert (sound and
// desktop notification), keyboard navigation between chats, and transcript search matching.
// Run by `npm run test:unit` (compiled by tsc, then `node --test`).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Conversation, KefuEvent, MessageEvent } from '../../shared/protocol.js';
import { findMatches, splitByRanges } from './match.js';
import { adjacentId, nextUnreadId } from './nav.js';
import { AlertTracker, previewText, shouldAlert, type AlertContext, type AlertSource, type Candidate } from './notify.js';

const ME = 'u_me';

function conv(id: string, lastSeq: number, fields: Partial<Conversation> = {}): Conversation {
  return {
    id,
    state: 'assigned',
    queue: { id: 'q_1', name: '信用卡' },
    visitor: { id: `v_${id}`, name: `访客 ${id}` },
    agent: { id: ME, name: '王小明' },
    last_seq: lastSeq,
    unread: 0,
    created_at: 1,
    updated_at: 1,
    closed_by: null,
    ...fields,
  };
}

function msg(conversation: string, seq: number, role: 'visitor' | 'agent' | 'bot', text: string, authorId?: string): MessageEvent {
  const id = authorId ?? (role === 'visitor' ? `v_${conversation}` : role === 'agent' ? ME : 'bot');
  return { type: 'event', conversation, seq, at: seq, kind: 'message', author: { role, id, name: role }, text };
}

function assigned(conversation: string, seq: number): KefuEvent {
  return { type: 'event', conversation, seq, at: seq, kind: 'system', code: 'assigned', agent: { id: ME, name: '王小明' } };
}

/** A workspace state as the store holds it. */
function source(connection: string, convs: Conversation[], transcripts: Record<string, KefuEvent[]>): AlertSource {
  return { connection, user: { id: ME }, items: convs.map((c) => ({ conv: c })), transcripts };
}

const visible: AlertContext = { enabled: true, me: ME, selectedId: null, pageHidden: false };

/** The candidates that alert (sound or notification) in the given context. */
function alerting(cands: Candidate[], ctx: AlertContext = visible): Candidate[] {
  return cands.filter((c) => {
    const d = shouldAlert(c, ctx);
    return d.sound || d.notify;
  });
}

test('the snapshot at login never alerts, a later visitor message does', () => {
  const tracker = new AlertTracker();
  const a = conv('a', 3);
  const history = [msg('a', 1, 'visitor', '你好'), assigned('a', 2), msg('a', 3, 'visitor', '在吗')];
  // The welcome is handled before the connection counts as open; the replay follows.
  const snap = tracker.observe(source('connecting', [a], {}));
  assert.equal(snap.length, 1);
  assert.equal(snap[0]!.kind, 'chat');
  assert.equal(snap[0]!.replay, true);
  assert.deepEqual(alerting(snap), []);
  const replay = tracker.observe(source('open', [a], { a: history }));
  assert.deepEqual(alerting(replay), []);

  const live = tracker.observe(source('open', [a], { a: [...history, msg('a', 4, 'visitor', '我的卡被锁了')] }));
  assert.equal(live.length, 1);
  const [c] = live;
  assert.equal(c!.kind, 'message');
  assert.equal(c!.replay, false);
  assert.equal(c!.visitor, '访客 a');
  assert.deepEqual(shouldAlert(c!, visible), { sound: true, notify: true });
  // Seen once: the same state again yields nothing.
  assert.deepEqual(tracker.observe(source('open', [a], { a: [...history, msg('a', 4, 'visitor', '我的卡被锁了')] })), []);
});

test('a visitor message in the open conversation alerts only while the page is hidden', () => {
  const tracker = new AlertTracker();
  const a = conv('a', 1);
  tracker.observe(source('connecting', [a], { a: [msg('a', 1, 'visitor', '你好')] }));
  const [c] = tracker.observe(source('open', [a], { a: [msg('a', 1, 'visitor', '你好'), msg('a', 2, 'visitor', '在吗')] }));
  assert.ok(c);
  assert.deepEqual(shouldAlert(c, { ...visible, selectedId: 'a' }), { sound: false, notify: false });
  assert.deepEqual(shouldAlert(c, { ...visible, selectedId: 'a', pageHidden: true }), { sound: true, notify: true });
  assert.deepEqual(shouldAlert(c, { ...visible, selectedId: 'b' }), { sound: true, notify: true });
  assert.deepEqual(shouldAlert(c, { ...visible, enabled: false }), { sound: false, notify: false });
});

test('the agent\'s own messages, colleagues\' and the bot\'s never alert', () => {
  const tracker = new AlertTracker();
  const a = conv('a', 1);
  const first = msg('a', 1, 'visitor', '你好');
  tracker.observe(source('connecting', [a], { a: [first] }));
  const cands = tracker.observe(
    source('open', [a], {
      a: [first, msg('a', 2, 'agent', '您好，请问有什么可以帮您？'), msg('a', 3, 'agent', '我是主管', 'u_sup'), msg('a', 4, 'bot', '答案')],
    }),
  );
  assert.equal(cands.length, 3);
  assert.ok(cands.every((c) => !c.replay));
  assert.deepEqual(alerting(cands), []);
  assert.deepEqual(alerting(cands, { ...visible, pageHidden: true }), []);
});

test('a chat newly assigned while connected alerts once; its earlier turns are history', () => {
  const tracker = new AlertTracker();
  const a = conv('a', 1);
  tracker.observe(source('connecting', [a], {}));
  tracker.observe(source('open', [a], { a: [msg('a', 1, 'visitor', '你好')] }));
  // The conversation frame of the new chat comes first, then its events from seq 1.
  const b = conv('b', 4);
  const chat = tracker.observe(source('open', [a, b], { a: [msg('a', 1, 'visitor', '你好')] }));
  assert.equal(chat.length, 1);
  assert.equal(chat[0]!.kind, 'chat');
  assert.equal(chat[0]!.conversation, 'b');
  assert.deepEqual(shouldAlert(chat[0]!, visible), { sound: true, notify: true });
  const bHistory = [msg('b', 1, 'visitor', '转人工'), msg('b', 2, 'bot', '正在为您转接'), msg('b', 3, 'visitor', '快点'), assigned('b', 4)];
  const replay = tracker.observe(source('open', [a, b], { a: [msg('a', 1, 'visitor', '你好')], b: bHistory }));
  assert.ok(replay.every((c) => c.replay));
  assert.deepEqual(alerting(replay), []);
  // The next visitor message in the new chat is news (the agent has not opened it).
  const next = tracker.observe(source('open', [a, b], { a: [msg('a', 1, 'visitor', '你好')], b: [...bHistory, msg('b', 5, 'visitor', '我的卡被锁了')] }));
  assert.deepEqual(
    alerting(next).map((c) => (c.kind === 'message' ? c.text : c.kind)),
    ['我的卡被锁了'],
  );
});

test('a queued or closed conversation, or someone else\'s, is not a new chat', () => {
  const tracker = new AlertTracker();
  tracker.observe(source('open', [], {}));
  const cands = tracker.observe(
    source('open', [conv('q', 1, { state: 'queued', agent: null }), conv('c', 2, { state: 'closed' }), conv('o', 1, { agent: { id: 'u_other', name: '李娜' } })], {}),
  );
  assert.equal(cands.length, 3);
  assert.deepEqual(alerting(cands), []);
});

test('events replayed after a reconnect do not alert, later ones do', () => {
  const tracker = new AlertTracker();
  const events = [msg('a', 1, 'visitor', '你好')];
  tracker.observe(source('connecting', [conv('a', 1)], {}));
  tracker.observe(source('open', [conv('a', 1)], { a: events }));
  // Connection lost; the visitor wrote twice meanwhile; the welcome says last_seq 3.
  tracker.observe(source('waiting', [conv('a', 1)], { a: events }));
  tracker.observe(source('connecting', [conv('a', 3)], { a: events }));
  const missed = [...events, msg('a', 2, 'visitor', '人呢'), msg('a', 3, 'visitor', '还在吗')];
  const replay = tracker.observe(source('open', [conv('a', 3)], { a: missed }));
  assert.equal(replay.length, 2);
  assert.deepEqual(alerting(replay), []);
  const live = tracker.observe(source('open', [conv('a', 3)], { a: [...missed, msg('a', 4, 'visitor', '我的卡被锁了')] }));
  assert.equal(alerting(live).length, 1);
});

test('a chat that left the list and comes back is new again; signing in as someone else starts over', () => {
  const tracker = new AlertTracker();
  tracker.observe(source('connecting', [conv('a', 1)], {}));
  tracker.observe(source('open', [], {}));
  const back = tracker.observe(source('open', [conv('a', 5)], {}));
  assert.equal(alerting(back).length, 1);

  assert.deepEqual(tracker.observe({ connection: 'stopped', user: null, items: [], transcripts: {} }), []);
  const other = tracker.observe({ connection: 'connecting', user: { id: 'u_b' }, items: [{ conv: conv('a', 5) }], transcripts: {} });
  assert.ok(other.every((c) => c.replay));
});

test('a tracker started on a workspace that is already connected treats what is there as history', () => {
  const tracker = new AlertTracker();
  const a = conv('a', 2);
  const events = [msg('a', 1, 'visitor', '你好'), msg('a', 2, 'visitor', '在吗')];
  assert.deepEqual(alerting(tracker.observe(source('open', [a], { a: events }))), []);
  const next = tracker.observe(source('open', [a], { a: [...events, msg('a', 3, 'visitor', '我的卡被锁了')] }));
  assert.equal(alerting(next).length, 1);
});

test('notification previews are one line and bounded', () => {
  assert.equal(previewText('  你好\n我的卡\t被锁了  '), '你好 我的卡 被锁了');
  const long = '很'.repeat(200);
  const p = previewText(long, 80);
  assert.equal(Array.from(p).length, 80);
  assert.ok(p.endsWith('…'));
});

test('Alt+↓/↑ move in list order and stop at the ends', () => {
  const ids = ['a', 'b', 'c'];
  assert.equal(adjacentId(ids, 'a', 1), 'b');
  assert.equal(adjacentId(ids, 'b', -1), 'a');
  assert.equal(adjacentId(ids, 'c', 1), 'c');
  assert.equal(adjacentId(ids, 'a', -1), 'a');
  assert.equal(adjacentId(ids, null, 1), 'a');
  assert.equal(adjacentId(ids, null, -1), 'c');
  assert.equal(adjacentId(ids, 'gone', 1), 'a');
  assert.equal(adjacentId([], null, 1), null);
});

test('Alt+Shift+↓ finds the next chat with unread messages, wrapping around', () => {
  const items = [
    { id: 'a', unread: 2 },
    { id: 'b', unread: 0 },
    { id: 'c', unread: 0 },
    { id: 'd', unread: 1 },
  ];
  assert.equal(nextUnreadId(items, 'a'), 'd');
  assert.equal(nextUnreadId(items, 'd'), 'a');
  assert.equal(nextUnreadId(items, 'b'), 'd');
  assert.equal(nextUnreadId(items, null), 'a');
  assert.equal(nextUnreadId([{ id: 'a', unread: 3 }], 'a'), null);
  assert.equal(nextUnreadId([{ id: 'a', unread: 0 }], null), null);
});

test('search matches ignore case and full-width forms, work for Chinese, never overlap', () => {
  assert.deepEqual(findMatches('Card card CARD', 'card'), [
    [0, 4],
    [5, 9],
    [10, 14],
  ]);
  assert.deepEqual(findMatches('我的信用卡被锁了，信用卡还能用吗', '信用卡'), [
    [2, 5],
    [9, 12],
  ]);
  assert.deepEqual(findMatches('ＶＩＰ客户 vip', 'Vip'), [
    [0, 3],
    [6, 9],
  ]);
  assert.deepEqual(findMatches('aaaa', 'aa'), [
    [0, 2],
    [2, 4],
  ]);
  assert.deepEqual(findMatches('任何文字', '   '), []);
  assert.deepEqual(findMatches('任何文字', '没有'), []);
  // Offsets stay right after a character whose lower case is longer (İ → i̇).
  assert.deepEqual(findMatches('İstanbul card', 'card'), [[9, 13]]);
});

test('a text is split into plain and matching pieces that add up to it', () => {
  const text = '信用卡被锁了，信用卡';
  const parts = splitByRanges(text, findMatches(text, '信用卡'));
  assert.deepEqual(parts, [
    { text: '信用卡', match: 0 },
    { text: '被锁了，', match: null },
    { text: '信用卡', match: 1 },
  ]);
  assert.equal(parts.map((p) => p.text).join(''), text);
  assert.deepEqual(splitByRanges('无匹配', []), [{ text: '无匹配', match: null }]);
});

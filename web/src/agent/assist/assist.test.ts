// Unit tests of agent assist's pure logic: which knowledge-base entries are suggested and for
// which customer message. Run by `npm run test:unit` (compiled by tsc, then `node --test`).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KefuEvent } from '../../shared/protocol.js';
import { confidenceLevel, latestQuestion, usableSuggestions, type AssistEntry } from './logic.js';

const NOW = Date.parse('2026-06-01T08:00:00Z');

function entry(id: string, confidence: number, fields: Partial<AssistEntry> = {}): AssistEntry {
  return { id, question: `问题 ${id}`, answer: `答案 ${id}`, category: '信用卡', enabled: true, valid_from: null, valid_to: null, confidence, ...fields };
}

test('only enabled, ranked entries in effect are suggested, best first, at most three', () => {
  const entries = [
    entry('b', 0.4),
    entry('a', 0.9),
    entry('off', 0.95, { enabled: false }),
    entry('expired', 0.8, { valid_to: '2026-05-01' }),
    entry('future', 0.8, { valid_from: '2026-07-01T00:00:00Z' }),
    entry('c', 0.3),
    entry('d', 0.2),
    entry('words-only', 0),
    entry('empty-answer', 0.7, { answer: '  ' }),
  ];
  assert.deepEqual(
    usableSuggestions(entries, NOW).map((e) => e.id),
    ['a', 'b', 'c'],
  );
  assert.deepEqual(
    usableSuggestions(entries, NOW, 10).map((e) => e.id),
    ['a', 'b', 'c', 'd'],
  );
  // Still in effect on its last day (valid_to is exclusive) and from its first.
  assert.deepEqual(
    usableSuggestions([entry('x', 0.5, { valid_from: '2026-06-01', valid_to: '2026-06-02' })], NOW).map((e) => e.id),
    ['x'],
  );
  assert.deepEqual(usableSuggestions([entry('z', 0), entry('n', 0.5, { confidence: undefined })], NOW), []);
});

test('the badge level follows the bot\'s default thresholds', () => {
  assert.equal(confidenceLevel(1), 'high');
  assert.equal(confidenceLevel(0.75), 'high');
  assert.equal(confidenceLevel(0.6), 'medium');
  assert.equal(confidenceLevel(0.45), 'medium');
  assert.equal(confidenceLevel(0.2), 'low');
});

test('the latest question is the last visitor message with text', () => {
  const ev = (seq: number, role: 'visitor' | 'agent' | 'bot', text: string): KefuEvent => ({
    type: 'event',
    conversation: 'c',
    seq,
    at: seq,
    kind: 'message',
    author: { role, id: role, name: role },
    text,
  });
  assert.equal(latestQuestion([]), null);
  assert.equal(latestQuestion([ev(1, 'agent', '您好')]), null);
  assert.deepEqual(latestQuestion([ev(1, 'visitor', '信用卡被锁了'), ev(2, 'bot', '答案'), ev(3, 'visitor', ' 年费怎么收？ '), ev(4, 'agent', '稍等')]), {
    seq: 3,
    text: '年费怎么收？',
  });
  const closed: KefuEvent = { type: 'event', conversation: 'c', seq: 5, at: 5, kind: 'system', code: 'closed', by: 'visitor' };
  assert.deepEqual(latestQuestion([ev(1, 'visitor', '在吗'), closed]), { seq: 1, text: '在吗' });
});

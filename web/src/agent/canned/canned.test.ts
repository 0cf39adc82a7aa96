// Unit tests of the canned replies' pure logic: variable expansion and "/code" matching.
// Run by `npm run test:unit` (compiled by tsc, then `node --test`).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchCanned, slashQueryAt, type Matchable } from './match.js';
import { expandVariables, unknownVariables, variableOf } from './variables.js';

const values = {
  customer_name: '张三',
  agent_name: '王小明',
  company: '示范银行',
  queue: '信用卡',
  now: new Date(2026, 0, 5, 9, 7),
};

test('every spelling of every variable expands', () => {
  const cases: [string, string][] = [
    ['{客户名}', '张三'],
    ['{客戶名}', '张三'],
    ['{customer_name}', '张三'],
    ['{CUSTOMER_NAME}', '张三'],
    ['{客服名}', '王小明'],
    ['{agent_name}', '王小明'],
    ['{企业名}', '示范银行'],
    ['{企業名}', '示范银行'],
    ['{company}', '示范银行'],
    ['{队列}', '信用卡'],
    ['{隊列}', '信用卡'],
    ['{queue}', '信用卡'],
    ['{日期}', '2026-01-05'],
    ['{date}', '2026-01-05'],
    ['{时间}', '09:07'],
    ['{時間}', '09:07'],
    ['{time}', '09:07'],
  ];
  for (const [text, want] of cases) {
    assert.deepEqual(expandVariables(text, values), { text: want, unknown: [] }, text);
  }
});

test('a reply expands in place and keeps the rest of the text', () => {
  const got = expandVariables('{客户名}，感谢您的耐心等待！我是{客服名}。{客户名}', values);
  assert.equal(got.text, '张三，感谢您的耐心等待！我是王小明。张三');
});

test('unknown placeholders stay as written and are reported once', () => {
  const got = expandVariables('您好{客户姓名}，{ 客户名 }，{a b}，{}，{客户姓名}{客户名}', values);
  assert.equal(got.text, '您好{客户姓名}，{ 客户名 }，{a b}，{}，{客户姓名}张三');
  assert.deepEqual(got.unknown, ['{客户姓名}']);
  assert.deepEqual(unknownVariables('{order_no} and {customer_name}'), ['{order_no}']);
  assert.equal(variableOf('foo'), null);
  assert.equal(variableOf('時間'), 'time');
});

test('a known variable without a value is left as written', () => {
  assert.equal(expandVariables('您好{客户名}，今天是{日期}', { customer_name: '' }).text, '您好{客户名}，今天是{日期}');
});

test('text without variables never changes', () => {
  for (const text of ['', '没有变量', '{', '}{', '{{客户名}}', 'a {b', '价格 {100%}']) {
    const got = expandVariables(text, {});
    assert.equal(got.text, text);
  }
  assert.equal(expandVariables('{{客户名}}', values).text, '{张三}');
});

test('the "/code" token is found at the caret only', () => {
  assert.deepEqual(slashQueryAt('/thx', 4), { query: 'thx', start: 0 });
  assert.deepEqual(slashQueryAt('好的 /th', 6), { query: 'th', start: 3 });
  assert.deepEqual(slashQueryAt('第一行\n/', 5), { query: '', start: 4 });
  assert.equal(slashQueryAt('http://x', 8), null);
  assert.equal(slashQueryAt('a/thx', 5), null);
  assert.equal(slashQueryAt('/thx more', 9), null);
  assert.deepEqual(slashQueryAt('/thx more', 4), { query: 'thx', start: 0 });
});

test('matching ranks exact and prefix codes first, personal before team', () => {
  const r = (code: string, title: string, text: string, scope: Matchable['scope'] = 'team'): Matchable => ({ code, title, text, scope });
  const replies = [
    r('bye', '结束语', '谢谢，再见'),
    r('thanks2', '感谢二', 'x'),
    r('thx', '感谢等待', '感谢您的耐心等待'),
    r('thx', '我的感谢', '我的', 'personal'),
    r('athx', '含有', 'y'),
    r('hi', 'thx 标题', 'z'),
    r('wait', '请稍候', '稍等 thx'),
  ];
  const codes = (q: string, limit = 10) => matchCanned(replies, q, limit).map((x) => `${x.code}:${x.scope}`);
  assert.deepEqual(codes('thx'), ['thx:personal', 'thx:team', 'athx:team', 'hi:team', 'wait:team']);
  assert.deepEqual(codes('TH'), ['thx:personal', 'thanks2:team', 'thx:team', 'athx:team', 'hi:team', 'wait:team']);
  assert.deepEqual(codes('感谢'), ['thx:personal', 'thanks2:team', 'thx:team']);
  assert.deepEqual(codes('', 3), ['thx:personal', 'athx:team', 'bye:team']);
  assert.deepEqual(codes('nothing'), []);
});

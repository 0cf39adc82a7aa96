#!/usr/bin/env node
// Smoke test for the private ejabberd peer: a raw XMPP-over-WebSocket
// (RFC 7395) client, no XMPP library, printing every frame in and out.
//
//   node smoke.js [PORT] [--db PATH/ejabberd.db] [--quiet] [--no-presence]
//
// Two connections, v0 and a0 (password "bench"):
//   open -> SASL PLAIN -> stream restart -> bind -> XEP-0198 enable ->
//   initial presence -> v0 sends a chat message + <r/>, gets <a h=.../>;
//   a0 receives it, replies (+ <r/>); v0 receives the reply -> close.
// With --db it then checks that the message archive (mod_mam, SQLite) has
// both messages in both users' archives (uses /usr/bin/sqlite3).
// --no-presence skips a0's initial presence (to show what happens then).
// Prints "ok" and exits 0 on success, else prints the reason and exits 1.
'use strict';

const WebSocket = require('ws');
const { execFileSync } = require('child_process');

const args = process.argv.slice(2);
let port = 18400;
let dbPath = null;
let quiet = false;
let noPresence = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--db') dbPath = args[++i];
  else if (a === '--quiet') quiet = true;
  else if (a === '--no-presence') noPresence = true;
  else if (/^\d+$/.test(a)) port = Number(a);
  else {
    console.error(`usage: node smoke.js [PORT] [--db FILE] [--quiet] [--no-presence]`);
    process.exit(2);
  }
}

const URL = `ws://127.0.0.1:${port}/ws`;
const DOMAIN = 'localhost';
const PASSWORD = 'bench';
const NS_FRAMING = 'urn:ietf:params:xml:ns:xmpp-framing';
const NS_SM = 'urn:xmpp:sm:3';
const T0 = Date.now();
const STEP_TIMEOUT_MS = 10000;
// Unique per run, so leftovers from earlier runs (e.g. offline messages)
// cannot be mistaken for this run's messages.
const RUN = T0.toString(36);
const BODY1 = `hello ${RUN}`;
const BODY2 = `hi, how can I help? ${RUN}`;

function log(line) {
  if (!quiet) console.log(`[${String(Date.now() - T0).padStart(5)} ms] ${line}`);
}
function fail(msg) {
  console.error(`FAIL: ${msg}`);
  process.exit(1);
}
function xmlEscape(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/'/g, '&apos;').replace(/"/g, '&quot;');
}
function attr(frame, name) {
  // attribute of the top-level element only
  const head = frame.slice(0, frame.indexOf('>') + 1);
  const m = head.match(new RegExp(`\\s${name}=(['"])(.*?)\\1`));
  return m ? m[2] : null;
}
function topName(frame) {
  const m = frame.match(/^<([A-Za-z0-9:_-]+)/);
  return m ? m[1] : null;
}
const isStanza = (f) => ['message', 'presence', 'iq'].includes(topName(f));

class XmppWs {
  constructor(user) {
    this.user = user;
    this.frames = [];       // unconsumed inbound frames
    this.waiters = [];      // {pred, resolve, reject, timer}
    this.smEnabled = false;
    this.inStanzas = 0;     // XEP-0198 inbound stanza counter (our h)
    this.outStanzas = 0;    // stanzas we sent since <enable/>
    this.closed = false;
  }

  connect() {
    return new Promise((resolve, reject) => {
      log(`${this.user} -- connect ${URL} (Sec-WebSocket-Protocol: xmpp)`);
      this.ws = new WebSocket(URL, 'xmpp');
      this.ws.on('upgrade', (res) => {
        const h = res.headers;
        log(`${this.user} -- HTTP ${res.statusCode} ${res.statusMessage}; ` +
            `sec-websocket-protocol: ${h['sec-websocket-protocol']}`);
      });
      this.ws.on('open', () => {
        if (this.ws.protocol !== 'xmpp') {
          reject(new Error(`server did not select subprotocol xmpp (got '${this.ws.protocol}')`));
          return;
        }
        resolve();
      });
      this.ws.on('error', (e) => { reject(e); this._failAll(e); });
      this.ws.on('ping', () => log(`${this.user} << (websocket ping; pong sent automatically)`));
      this.ws.on('close', (code, reason) => {
        this.closed = true;
        log(`${this.user} -- websocket closed code=${code} reason='${reason}'`);
        this._failAll(new Error(`${this.user}: websocket closed (${code})`));
      });
      this.ws.on('message', (data, isBinary) => {
        const frame = data.toString('utf8');
        log(`${this.user} << ${isBinary ? '(BINARY) ' : ''}${frame}`);
        this._onFrame(frame);
      });
    });
  }

  _onFrame(frame) {
    // XEP-0198: count every inbound stanza once SM is enabled.
    if (this.smEnabled && isStanza(frame)) this.inStanzas++;
    // XEP-0198: the server asks for acks after sending stanzas; answer
    // immediately, otherwise it closes the stream after ack_timeout (60 s).
    if (topName(frame) === 'r' && frame.includes(NS_SM)) {
      this.send(`<a xmlns='${NS_SM}' h='${this.inStanzas}'/>`);
      return;
    }
    for (let i = 0; i < this.waiters.length; i++) {
      const w = this.waiters[i];
      if (w.pred(frame)) {
        this.waiters.splice(i, 1);
        clearTimeout(w.timer);
        w.resolve(frame);
        return;
      }
    }
    this.frames.push(frame);
  }

  _failAll(err) {
    for (const w of this.waiters.splice(0)) { clearTimeout(w.timer); w.reject(err); }
  }

  send(frame) {
    log(`${this.user} >> ${frame}`);
    if (this.smEnabled && isStanza(frame)) this.outStanzas++;
    this.ws.send(frame);
  }

  // Wait for (and consume) the first inbound frame matching pred.
  expect(what, pred) {
    const idx = this.frames.findIndex(pred);
    if (idx >= 0) return Promise.resolve(this.frames.splice(idx, 1)[0]);
    return new Promise((resolve, reject) => {
      const w = { pred, resolve, reject };
      w.timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        reject(new Error(`${this.user}: timeout waiting for ${what}; unconsumed frames: ` +
                         JSON.stringify(this.frames)));
      }, STEP_TIMEOUT_MS);
      this.waiters.push(w);
    });
  }

  async openStream() {
    this.send(`<open xmlns="${NS_FRAMING}" to="${DOMAIN}" version="1.0"/>`);
    const open = await this.expect('<open/>', (f) => topName(f) === 'open');
    if (attr(open, 'xmlns') !== NS_FRAMING) throw new Error(`bad <open/>: ${open}`);
    return this.expect('<stream:features/>', (f) => /^<stream:features[\s>]/.test(f));
  }

  async login(resource) {
    await this.connect();
    const feats1 = await this.openStream();
    if (!/<mechanism>PLAIN<\/mechanism>/.test(feats1)) {
      throw new Error(`${this.user}: PLAIN not offered: ${feats1}`);
    }
    // SASL PLAIN: base64("\0" + user + "\0" + password), authzid empty
    const b64 = Buffer.from(`\0${this.user}\0${PASSWORD}`, 'utf8').toString('base64');
    this.send(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${b64}</auth>`);
    const res = await this.expect('SASL result', (f) => /^<(success|failure)[\s>/]/.test(f));
    if (!res.startsWith('<success')) throw new Error(`${this.user}: SASL failed: ${res}`);
    // Stream restart after SASL success: a new <open/> on the same socket.
    const feats2 = await this.openStream();
    if (!feats2.includes('urn:ietf:params:xml:ns:xmpp-bind')) {
      throw new Error(`${this.user}: no bind feature: ${feats2}`);
    }
    if (!feats2.includes(`<sm xmlns='${NS_SM}'/>`) && !feats2.includes(`xmlns='${NS_SM}'`)) {
      throw new Error(`${this.user}: no XEP-0198 sm:3 feature: ${feats2}`);
    }
    this.send(`<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>` +
              `<resource>${xmlEscape(resource)}</resource></bind></iq>`);
    const bound = await this.expect('bind result', (f) => topName(f) === 'iq' && attr(f, 'id') === 'bind1');
    if (attr(bound, 'type') !== 'result') throw new Error(`${this.user}: bind failed: ${bound}`);
    const m = bound.match(/<jid>([^<]+)<\/jid>/);
    if (!m) throw new Error(`${this.user}: no <jid/> in bind result: ${bound}`);
    this.jid = m[1];
    this.send(`<enable xmlns='${NS_SM}'/>`);
    const en = await this.expect('<enabled/> or <failed/>', (f) => /^<(enabled|failed)[\s>/]/.test(f));
    if (!en.startsWith('<enabled')) throw new Error(`${this.user}: sm enable failed: ${en}`);
    this.smEnabled = true;
  }

  // Send <r/> and wait for the server's <a h=.../>.
  async requestAck() {
    this.send(`<r xmlns='${NS_SM}'/>`);
    const a = await this.expect('<a h=.../>', (f) => topName(f) === 'a' && f.includes(NS_SM));
    return Number(attr(a, 'h'));
  }

  async close() {
    if (this.closed) return;
    this.send(`<close xmlns="${NS_FRAMING}"/>`);
    try {
      await this.expect('<close/>', (f) => topName(f) === 'close');
    } catch (e) { /* the server may just drop the socket */ }
    await new Promise((resolve) => {
      if (this.closed) return resolve();
      this.ws.once('close', resolve);
      this.ws.close(1000);
      setTimeout(resolve, 2000);
    });
  }
}

async function main() {
  const v0 = new XmppWs('v0');
  const a0 = new XmppWs('a0');
  await v0.login('smoke');
  await a0.login('smoke');

  // Initial presence: needed for messages to the *bare* JID to be delivered
  // to this resource (see README "Gotchas").
  v0.send('<presence/>');
  if (!noPresence) a0.send('<presence/>');
  // ejabberd echoes available presence back to the sender's own full JID.
  await v0.expect('own presence echo', (f) => topName(f) === 'presence');
  if (!noPresence) await a0.expect('own presence echo', (f) => topName(f) === 'presence');

  // v0 -> a0 (bare JID), then ask for an ack.
  v0.send(`<message to='a0@${DOMAIN}' type='chat' id='m1-${RUN}'><body>${BODY1}</body></message>`);
  const h1 = await v0.requestAck();
  if (h1 !== v0.outStanzas) fail(`v0: <a h='${h1}'/> but we sent ${v0.outStanzas} stanzas`);
  log(`-- v0 got <a h='${h1}'/> == stanzas sent since <enable/>`);

  const msg1 = await a0.expect('message m1', (f) => topName(f) === 'message' && attr(f, 'id') === `m1-${RUN}`);
  if (!msg1.includes(`<body>${BODY1}</body>`)) fail(`a0: unexpected message: ${msg1}`);
  if (attr(msg1, 'from') !== v0.jid) fail(`a0: from='${attr(msg1, 'from')}', expected ${v0.jid}`);

  // a0 -> v0 reply
  a0.send(`<message to='v0@${DOMAIN}' type='chat' id='m2-${RUN}'><body>${BODY2}</body></message>`);
  const h2 = await a0.requestAck();
  if (h2 !== a0.outStanzas) fail(`a0: <a h='${h2}'/> but we sent ${a0.outStanzas} stanzas`);
  const msg2 = await v0.expect('message m2', (f) => topName(f) === 'message' && attr(f, 'id') === `m2-${RUN}`);
  if (!msg2.includes(`<body>${BODY2}</body>`)) fail(`v0: unexpected message: ${msg2}`);
  if (attr(msg2, 'from') !== a0.jid) fail(`v0: from='${attr(msg2, 'from')}', expected ${a0.jid}`);

  await v0.close();
  await a0.close();

  if (dbPath) {
    const q = "SELECT username, bare_peer, kind, txt FROM archive " +
              `WHERE txt IN ('${BODY1}','${BODY2}') ORDER BY id;`;
    const out = execFileSync('/usr/bin/sqlite3', ['-readonly', '-cmd', '.timeout 5000', dbPath, q], { encoding: 'utf8' });
    log(`-- archive rows (username|bare_peer|kind|txt):\n${out.trimEnd()}`);
    const rows = out.trim().split('\n');
    const need = [`v0|a0@localhost|chat|${BODY1}`, `a0|v0@localhost|chat|${BODY1}`,
                  `a0|v0@localhost|chat|${BODY2}`, `v0|a0@localhost|chat|${BODY2}`];
    for (const r of need) {
      if (!rows.includes(r)) fail(`archive row missing in ${dbPath}: ${r}`);
    }
  }
  console.log('ok');
  process.exit(0);
}

const watchdog = setTimeout(() => fail('overall timeout (30 s)'), 30000);
watchdog.unref();
main().catch((e) => fail(e && e.message ? e.message : String(e)));

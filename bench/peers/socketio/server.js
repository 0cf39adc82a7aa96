'use strict';

// Benchmark peer for Kefu: a plain Socket.IO chat relay that persists every
// message to SQLite before acknowledging it, written the way a typical
// open-source live chat would be. See README.md for the wire protocol.

const http = require('http');
const crypto = require('crypto');
const { Server } = require('socket.io');
const Database = require('better-sqlite3');

const HOST = '127.0.0.1';
const MAX_TEXT = 4000;
const MAX_ID = 64;

function parseArgs(argv) {
  const opts = { port: 18300, db: './socketio-peer.db' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--port' && value !== undefined) {
      opts.port = Number(value);
      i++;
    } else if (arg === '--db' && value !== undefined) {
      opts.db = value;
      i++;
    } else {
      console.error(`usage: node server.js [--port N] [--db PATH] (unknown argument: ${arg})`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
    console.error(`invalid port: ${opts.port}`);
    process.exit(2);
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));

// ---------------------------------------------------------------- storage

const db = new Database(opts.db);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(`
  CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY,
    visitor TEXT,
    agent TEXT,
    last_seq INTEGER,
    created_at INTEGER
  );
  CREATE TABLE IF NOT EXISTS messages (
    conversation TEXT,
    seq INTEGER,
    author_role TEXT,
    author TEXT,
    client_id TEXT,
    text TEXT,
    created_at INTEGER,
    PRIMARY KEY (conversation, seq)
  );
`);

const insertConversation = db.prepare(
  'INSERT INTO conversations (id, visitor, agent, last_seq, created_at) VALUES (?, ?, ?, 0, ?)'
);
const insertMessage = db.prepare(
  'INSERT INTO messages (conversation, seq, author_role, author, client_id, text, created_at) ' +
    'VALUES (?, ?, ?, ?, ?, ?, ?)'
);
const updateLastSeq = db.prepare('UPDATE conversations SET last_seq = ? WHERE id = ?');
// A resend after a reconnect: was this client message stored before the connection dropped?
// (A conversation's rows are clustered by the primary key, so this reads only its rows.)
const findResent = db.prepare(
  'SELECT seq FROM messages WHERE conversation = ? AND author = ? AND client_id = ?'
);
// What a reconnecting client missed in one of its conversations.
const messagesAfter = db.prepare(
  'SELECT seq, author_role, text FROM messages WHERE conversation = ? AND seq > ? ORDER BY seq'
);

// One transaction per message. For a visitor's first message the
// conversation row is created in the same transaction.
const storeMessage = db.transaction((msg, newConversation) => {
  if (newConversation) {
    insertConversation.run(msg.conversation, newConversation.visitor, newConversation.agent, msg.createdAt);
  }
  insertMessage.run(msg.conversation, msg.seq, msg.role, msg.author, msg.clientId, msg.text, msg.createdAt);
  updateLastSeq.run(msg.seq, msg.conversation);
});

// ---------------------------------------------------------------- in-memory state

const conversations = new Map(); // conversation id -> { visitor, agent, lastSeq }
const visitorConversation = new Map(); // visitor id -> conversation id
const agentConversations = new Map(); // agent id -> Set of conversation ids
const connectedAgents = new Map(); // agent id -> number of connected sockets

function registerConversation(id, visitor, agent, lastSeq) {
  conversations.set(id, { visitor, agent, lastSeq });
  visitorConversation.set(visitor, id);
  if (!agentConversations.has(agent)) agentConversations.set(agent, new Set());
  agentConversations.get(agent).add(id);
}

// Every conversation is open (there is no close in this benchmark), so
// reload them all so that a restarted server keeps routing the same way.
for (const row of db.prepare('SELECT id, visitor, agent, last_seq FROM conversations').iterate()) {
  registerConversation(row.id, row.visitor, row.agent, row.last_seq);
}

function pickAgent() {
  let best = null;
  let bestLoad = Infinity;
  for (const agent of connectedAgents.keys()) {
    const load = agentConversations.has(agent) ? agentConversations.get(agent).size : 0;
    if (load < bestLoad) {
      best = agent;
      bestLoad = load;
    }
  }
  return best;
}

// ---------------------------------------------------------------- socket.io

const httpServer = http.createServer((req, res) => {
  res.writeHead(404);
  res.end();
});

const io = new Server(httpServer, {
  transports: ['websocket'],
  serveClient: false,
  perMessageDeflate: false,
  maxHttpBufferSize: 1e6,
});

function isIdString(value) {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID;
}

function isText(value) {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_TEXT;
}

// Identity comes from the handshake query string: ?role=visitor|agent&user=<id>
io.use((socket, next) => {
  const { role, user } = socket.handshake.query;
  if ((role !== 'visitor' && role !== 'agent') || !isIdString(user)) {
    next(new Error('role and user are required'));
    // Socket.IO queues the CONNECT_ERROR packet on the next tick; drop the
    // underlying connection right after it (close() flushes pending packets).
    setImmediate(() => socket.conn.close());
    return;
  }
  socket.data.role = role;
  socket.data.user = user;
  next();
});

io.on('connection', (socket) => {
  const { role, user } = socket.data;
  const mine =
    role === 'agent'
      ? [...(agentConversations.get(user) || [])]
      : visitorConversation.has(user)
        ? [visitorConversation.get(user)]
        : [];

  // A reconnecting client says so in its CONNECT payload, with the last seq it saw of each
  // conversation: it is sent what it missed before it rejoins the rooms. Both happen in this
  // tick, so no live event can overtake the replay.
  const auth = socket.handshake.auth;
  if (auth && auth.resume === true) {
    const seen = auth.seen !== null && typeof auth.seen === 'object' ? auth.seen : {};
    for (const conversation of mine) {
      const after = Number.isSafeInteger(seen[conversation]) ? seen[conversation] : 0;
      for (const row of messagesAfter.iterate(conversation, after)) {
        socket.emit('event', { conversation, seq: row.seq, author: row.author_role, text: row.text });
      }
    }
  }

  if (role === 'agent') {
    connectedAgents.set(user, (connectedAgents.get(user) || 0) + 1);
    socket.join(`agent:${user}`);
  } else {
    socket.join(`visitor:${user}`);
  }
  if (mine.length > 0) socket.join(mine);

  socket.on('disconnect', () => {
    if (role !== 'agent') return;
    const left = (connectedAgents.get(user) || 1) - 1;
    if (left > 0) connectedAgents.set(user, left);
    else connectedAgents.delete(user);
  });

  socket.on('send', (payload, ack) => {
    const reply = typeof ack === 'function' ? ack : () => {};
    try {
      handleSend(socket, role, user, payload, reply);
    } catch (err) {
      console.error(`socketio-peer: send failed: ${err && err.message}`);
      reply({ error: 'internal' });
    }
  });
});

function handleSend(socket, role, user, payload, reply) {
  if (payload === null || typeof payload !== 'object' || !isIdString(payload.id) || !isText(payload.text)) {
    reply({ error: 'bad_frame' });
    return;
  }

  let conversationId;
  let newConversation = null;
  if (role === 'agent') {
    if (!isIdString(payload.conversation)) {
      reply({ error: 'bad_frame' });
      return;
    }
    const conv = conversations.get(payload.conversation);
    if (!conv || conv.agent !== user) {
      reply({ error: 'forbidden' });
      return;
    }
    conversationId = payload.conversation;
  } else {
    conversationId = visitorConversation.get(user);
    if (!conversationId) {
      const agent = pickAgent();
      if (!agent) {
        reply({ error: 'no_agent' });
        return;
      }
      conversationId = `c_${crypto.randomBytes(8).toString('hex')}`;
      newConversation = { visitor: user, agent };
    }
  }

  // A message sent again after a reconnect is acknowledged as it was stored, not stored twice.
  if (payload.retry === true && !newConversation) {
    const stored = findResent.get(conversationId, user, payload.id);
    if (stored) {
      reply({ conversation: conversationId, seq: stored.seq });
      return;
    }
  }

  const lastSeq = newConversation ? 0 : conversations.get(conversationId).lastSeq;
  const msg = {
    conversation: conversationId,
    seq: lastSeq + 1,
    role,
    author: user,
    clientId: payload.id,
    text: payload.text,
    createdAt: Date.now(),
  };

  // Durable before anything is acknowledged or relayed.
  storeMessage(msg, newConversation);

  if (newConversation) {
    registerConversation(conversationId, newConversation.visitor, newConversation.agent, 0);
    io.in(`visitor:${newConversation.visitor}`).socketsJoin(conversationId);
    io.in(`agent:${newConversation.agent}`).socketsJoin(conversationId);
  }
  conversations.get(conversationId).lastSeq = msg.seq;

  reply({ conversation: conversationId, seq: msg.seq });
  io.to(conversationId).emit('event', {
    conversation: conversationId,
    seq: msg.seq,
    author: role,
    text: msg.text,
  });
}

// ---------------------------------------------------------------- lifecycle

httpServer.on('error', (err) => {
  console.error(`socketio-peer: ${err.message}`);
  db.close();
  process.exit(1);
});

// The accept backlog Kefu gets from Asio (SOMAXCONN, 4096 here) rather than Node's default of
// 511: with 511, a storm of thousands of reconnects overflows the SYN queue and the dropped
// clients wait for TCP's SYN retransmits (1, 3, 7, 15, 31 s), which measures the kernel's
// backoff, not the relay.
const BACKLOG = 4096;
httpServer.listen(opts.port, HOST, BACKLOG, () => {
  console.log(`socketio-peer: listening on ${HOST}:${httpServer.address().port}`);
});

let stopping = false;
function shutdown() {
  if (stopping) return;
  stopping = true;
  io.close(() => {
    db.close();
    process.exit(0);
  });
  // Do not wait forever for clients that keep their connections open.
  setTimeout(() => {
    if (db.open) db.close();
    process.exit(0);
  }, 2000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

'use strict';

// Quick self-check against a running server.js:
//   node smoke.js [--port 18300]
// One agent and one visitor connect; the visitor sends, gets an ack with a
// seq, the agent sees the event, replies, and the visitor sees the reply.
// Prints "ok" and exits 0, or prints the reason and exits 1.

const { io } = require('socket.io-client');

const portIndex = process.argv.indexOf('--port');
const port = portIndex >= 0 ? Number(process.argv[portIndex + 1]) : 18300;
const base = `ws://127.0.0.1:${port}`;
const tag = `${process.pid}_${Date.now()}`;

const sockets = [];

function fail(reason) {
  console.error(`FAIL: ${reason}`);
  for (const s of sockets) s.close();
  process.exit(1);
}

setTimeout(() => fail('timed out after 5s'), 5000).unref();

function connect(role, user) {
  return new Promise((resolve, reject) => {
    const socket = io(base, {
      transports: ['websocket'],
      query: { role, user },
      reconnection: false,
    });
    sockets.push(socket);
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => reject(new Error(`${role} connect: ${err.message}`)));
  });
}

// Resolve with the first 'event' for which match(event) is true.
function nextEvent(socket, match) {
  return new Promise((resolve) => {
    const onEvent = (event) => {
      if (match(event)) {
        socket.off('event', onEvent);
        resolve(event);
      }
    };
    socket.on('event', onEvent);
  });
}

function expect(cond, what) {
  if (!cond) throw new Error(what);
}

async function main() {
  // The agent connects first and has no conversations yet, so the fewest-open
  // rule hands it the visitor unless other agents are connected to the server.
  const agent = await connect('agent', `smoke_agent_${tag}`);
  const visitor = await connect('visitor', `smoke_visitor_${tag}`);

  const visitorText = `hello from visitor ${tag}`;
  const agentSees = nextEvent(agent, (e) => e.text === visitorText);
  const visitorSeesOwn = nextEvent(visitor, (e) => e.text === visitorText);

  const ack1 = await visitor.timeout(3000).emitWithAck('send', { id: 'v1', text: visitorText });
  expect(!ack1.error, `visitor send rejected: ${JSON.stringify(ack1)}`);
  expect(typeof ack1.conversation === 'string' && ack1.seq === 1, `unexpected ack ${JSON.stringify(ack1)}`);

  const ev1 = await agentSees;
  expect(ev1.conversation === ack1.conversation && ev1.seq === 1 && ev1.author === 'visitor',
    `agent got unexpected event ${JSON.stringify(ev1)}`);
  await visitorSeesOwn;

  const agentText = `reply from agent ${tag}`;
  const visitorSeesReply = nextEvent(visitor, (e) => e.text === agentText);
  const ack2 = await agent.timeout(3000).emitWithAck('send', {
    id: 'a1', conversation: ev1.conversation, text: agentText,
  });
  expect(!ack2.error, `agent send rejected: ${JSON.stringify(ack2)}`);
  expect(ack2.conversation === ack1.conversation && ack2.seq === 2, `unexpected ack ${JSON.stringify(ack2)}`);

  const ev2 = await visitorSeesReply;
  expect(ev2.seq === 2 && ev2.author === 'agent', `visitor got unexpected event ${JSON.stringify(ev2)}`);

  // Error paths.
  const bad = await visitor.timeout(3000).emitWithAck('send', { id: 'v2', text: '' });
  expect(bad.error === 'bad_frame', `empty text not rejected: ${JSON.stringify(bad)}`);
  const forbidden = await agent.timeout(3000).emitWithAck('send', { id: 'a2', conversation: 'c_nope', text: 'x' });
  expect(forbidden.error === 'forbidden', `foreign conversation not rejected: ${JSON.stringify(forbidden)}`);

  for (const s of sockets) s.close();
  console.error(`conversation ${ack1.conversation}`);
  console.log('ok');
  process.exit(0);
}

main().catch((err) => fail(err.message));

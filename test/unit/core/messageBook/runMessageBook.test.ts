/**
 * Send All against real servers on 127.0.0.1 (the `ws` echo fixture and Socket.IO 4): messages in order,
 * delays on a manual clock, `wait for` matching what the server sends (or timing out, or seeing the session
 * close), the first failure stopping the run, and cancellation at any point sending nothing more — with
 * every listener and timer gone afterwards.
 */
import assert from 'node:assert/strict';
import { systemClock } from '../../../../src/core/clock';
import { bookValues } from '../../../../src/core/messageBook/bookVariables';
import { bookResolver } from '../../../../src/core/messageBook/bookResolver';
import type { BookEntry } from '../../../../src/core/messageBook/bookTypes';
import { parseMessageBook } from '../../../../src/core/messageBook/parseMessageBook';
import { runMessageBook } from '../../../../src/core/messageBook/runMessageBook';
import type { Session } from '../../../../src/core/session/session';
import { startWsServer, type WsServer } from '../../../fixtures/servers/wsServer';
import { ManualClock } from '../../support/manualClock';
import { ofType, payloadText, useSessions, waitForEvent } from '../../support/sessions';
import { countingSession, entriesOf, ProgressLog, settle } from './bookTestSupport';

const DEADLINE_MS = 8000;

describe('runMessageBook', function () {
  this.timeout(20000);
  const fixture = useSessions();
  let server: WsServer;
  before(async () => {
    server = await startWsServer();
  });
  after(() => server.close());

  async function openWs(path = '/echo'): Promise<Session> {
    const session = fixture.session({ url: `${server.url}${path}` });
    assert.equal(await session.start(), 'open');
    return session;
  }

  const sentTexts = (session: Session): Array<string | undefined> =>
    ofType(session, 'message', 'out').map((e) => payloadText(e) ?? `<${e.payload?.byteLength} bytes>`);

  function run(session: Session, entries: BookEntry[], options: Partial<Parameters<typeof runMessageBook>[2]> = {}) {
    return runMessageBook(session, entries, {
      clock: systemClock,
      resolve: bookResolver(bookValues([]), 'websocket'),
      ...options,
    });
  }

  it('sends every kind of WebSocket message in order, each row keeping its request', async () => {
    const session = await openWs();
    const text = '@n = 7\n### a\ntext\nhello {{n}}\n### b\njson {"n": {{n}}}\n### c\nbinary hex 01 02\n### d\nping hi';
    const book = parseMessageBook(text);
    const progress = new ProgressLog();
    const summary = await run(session, book.entries, {
      resolve: bookResolver(bookValues(book.variables), 'websocket'),
      onProgress: progress.listener,
    });
    assert.equal(summary.outcome, 'completed', summary.message);
    assert.deepEqual([summary.total, summary.completed, summary.sent.length], [4, 4, 4]);
    assert.deepEqual(sentTexts(session), ['hello 7', '{"n": 7}', '<2 bytes>']);
    assert.deepEqual(session.log.get(summary.sent[3])?.meta?.send, { kind: 'ping', text: 'hi' });
    assert.deepEqual(progress.steps.slice(0, 2), [
      [0, 'sending'],
      [0, 'done'],
    ]);
    await waitForEvent(session, (e) => e.direction === 'in' && e.payload?.kind === 'binary', DEADLINE_MS);
  });

  it('waits out a delay on the injected clock, and not a moment less', async () => {
    const session = await openWs();
    const clock = new ManualClock();
    const progress = new ProgressLog();
    const done = run(session, entriesOf('text one\n###\ndelay 5s\n###\ntext two'), {
      clock,
      onProgress: progress.listener,
    });
    await progress.reached(1, 'delaying');
    assert.deepEqual(clock.pendingDelays, [5000]);
    clock.advance(4999);
    await settle();
    assert.deepEqual(sentTexts(session), ['one']);
    clock.advance(1);
    const summary = await done;
    assert.equal(summary.outcome, 'completed');
    assert.deepEqual(sentTexts(session), ['one', 'two']);
  });

  it('waits for an incoming message that matches, then goes on; no listener is left', async () => {
    const ws = await openWs();
    const { session, live } = countingSession(ws);
    const book = entriesOf('text hello   world\n###\nwait for /hello\\s+WORLD/i\n###\ntext after');
    const summary = await runMessageBook(session, book, {
      clock: systemClock,
      resolve: bookResolver(bookValues([]), 'websocket'),
    });
    assert.equal(summary.outcome, 'completed', summary.message);
    const echo = ofType(ws, 'message', 'in').find((e) => payloadText(e) === 'hello   world');
    assert.ok(echo && echo.seq < summary.sent[1], 'the second message left after the echo came');
    assert.equal(live(), 0);
  });

  it('fills the placeholders of a wait text in, and fails by name when one has no value', async () => {
    const session = await openWs();
    const book = parseMessageBook(
      '@who = world\ntext hello {{who}}\n###\nwait for "hello {{who}}"\n###\nwait for "${secret:S}"',
    );
    const values = bookValues(book.variables);
    const summary = await run(session, book.entries, { values, resolve: bookResolver(values, 'websocket') });
    assert.equal(summary.outcome, 'failed');
    assert.deepEqual(
      [summary.completed, summary.stoppedAt?.index, summary.stoppedAt?.error.code],
      [2, 2, 'RI_BOOK_VARIABLE'],
    );
    assert.match(summary.message, /Entry 3 \(line 6\): The secret "S" \(\$\{secret:S\}\) has no value/);
  });

  it('also matches a reply that came during the delay before the wait', async () => {
    const session = await openWs();
    const clock = new ManualClock();
    const progress = new ProgressLog();
    const done = run(session, entriesOf('text early\n###\ndelay 1s\n###\nwait for "early" timeout 1s'), {
      clock,
      onProgress: progress.listener,
    });
    await progress.reached(1, 'delaying');
    await waitForEvent(session, (e) => e.direction === 'in' && payloadText(e) === 'early', DEADLINE_MS);
    clock.advance(1000);
    const summary = await done;
    assert.equal(summary.outcome, 'completed', summary.message);
  });

  it('fails a wait that times out, naming the entry and the pattern; nothing after it is sent', async () => {
    const ws = await openWs();
    const { session, live } = countingSession(ws);
    const clock = new ManualClock();
    const progress = new ProgressLog();
    const done = runMessageBook(session, entriesOf('### Welcome\nwait for "never said" timeout 2s\n###\ntext no'), {
      clock,
      onProgress: progress.listener,
      resolve: bookResolver(bookValues([]), 'websocket'),
    });
    await progress.reached(0, 'waiting');
    assert.equal(live(), 2, 'one log listener and one state listener while waiting');
    clock.advance(2000);
    const summary = await done;
    assert.equal(summary.outcome, 'failed');
    assert.equal(summary.stoppedAt?.index, 0);
    assert.equal(summary.stoppedAt?.error.code, 'RI_BOOK_WAIT_TIMEOUT');
    assert.equal(summary.message, 'Entry 1 "Welcome" (line 2): no incoming message matched "never said" within 2 s.');
    assert.deepEqual(sentTexts(ws), []);
    assert.equal(live(), 0);
    assert.deepEqual(clock.pendingDelays, []);
  });

  it('fails a wait at once when the server closes the session', async () => {
    const session = await openWs('/close?code=4001&reason=bye');
    const summary = await run(session, entriesOf('text bye\n###\nwait for "never" timeout 600s'));
    assert.equal(summary.outcome, 'failed');
    assert.equal(summary.stoppedAt?.error.code, 'RI_BOOK_SESSION_CLOSED');
    assert.match(summary.message, /the session closed while waiting for "never"/);
  });

  it("stops at the first failed send, with the session's reason", async () => {
    const session = await openWs();
    const summary = await run(session, entriesOf('text a\n###\nclose 1000\n###\ntext b\n###\ntext c'));
    assert.equal(summary.outcome, 'failed');
    assert.equal(summary.stoppedAt?.index, 2);
    assert.equal(summary.stoppedAt?.error.code, 'RI_NOT_OPEN');
    assert.match(summary.message, /^Entry 3 \(line 5\): The session is (closing|closed)/);
    assert.deepEqual(sentTexts(session), ['a']);
  });

  it('checks every entry before sending the first: an invalid or refused one sends nothing', async () => {
    const session = await openWs();
    const invalid = await run(session, parseMessageBook('text a\n###\njson {oops}\n###\ntext b').entries);
    assert.equal(invalid.outcome, 'failed');
    assert.equal(invalid.stoppedAt?.index, 1);
    assert.match(invalid.message, /Entry 2 \(line 3\) has errors/);
    const refused = await run(session, entriesOf('text a\n###\nemit chat'));
    assert.match(refused.message, /A WebSocket session cannot send a request of kind "sio-emit"/);
    assert.equal(
      refused.stoppedAt?.error.hint,
      'Socket.IO events and namespaces need a Socket.IO session; a raw WebSocket sends frames.',
    );
    assert.deepEqual(sentTexts(session), []);
  });

  it('runs a part of a book (Send All from here): progress counts its steps, messages name entries', async () => {
    const session = await openWs();
    const entries = entriesOf('text zero\n###\ntext one\n###\nemit nope');
    const progress = new ProgressLog();
    const summary = await run(session, entries.slice(1), { onProgress: progress.listener });
    assert.deepEqual([summary.outcome, summary.total, summary.stoppedAt?.index], ['failed', 2, 1]);
    assert.match(summary.message, /^Entry 3 \(line 5\): A WebSocket session cannot send/);
    assert.deepEqual(progress.steps, [[1, 'failed']]);
  });

  describe('cancelled', () => {
    it('during a delay: nothing more is sent, the timer is cleared', async () => {
      const session = await openWs();
      const clock = new ManualClock();
      const progress = new ProgressLog();
      const cancel = new AbortController();
      const done = run(session, entriesOf('text one\n###\ndelay 10s\n###\ntext two\n###\ntext three'), {
        clock,
        signal: cancel.signal,
        onProgress: progress.listener,
      });
      await progress.reached(1, 'delaying');
      cancel.abort();
      const summary = await done;
      assert.equal(summary.outcome, 'cancelled');
      assert.deepEqual([summary.stoppedAt?.index, summary.completed, summary.sent.length], [1, 1, 1]);
      assert.deepEqual(clock.pendingDelays, []);
      clock.advance(60_000);
      await settle();
      assert.deepEqual(sentTexts(session), ['one']);
    });

    it('during a wait: its listeners are removed', async () => {
      const ws = await openWs();
      const { session, live } = countingSession(ws);
      const cancel = new AbortController();
      const progress = new ProgressLog();
      const done = runMessageBook(session, entriesOf('wait for /x{3}/\n###\ntext after'), {
        clock: new ManualClock(),
        signal: cancel.signal,
        onProgress: progress.listener,
        resolve: bookResolver(bookValues([]), 'websocket'),
      });
      await progress.reached(0, 'waiting');
      cancel.abort();
      assert.equal((await done).outcome, 'cancelled');
      assert.equal(live(), 0);
      assert.deepEqual(sentTexts(ws), []);
    });

    it('while an entry is being resolved (a file, a secret): it is not sent', async () => {
      const session = await openWs();
      const cancel = new AbortController();
      let release!: () => void;
      const summary = run(session, entriesOf('text one\n###\ntext two'), {
        signal: cancel.signal,
        resolve: async (entry) => {
          if (entry.index === 1) await new Promise<void>((resolve) => (release = resolve));
          return { ok: true, request: { kind: 'text', text: `#${entry.index}` } };
        },
      });
      await waitForEvent(session, (e) => e.type === 'message' && e.direction === 'out', DEADLINE_MS);
      await settle();
      cancel.abort();
      release();
      assert.equal((await summary).outcome, 'cancelled');
      assert.deepEqual(sentTexts(session), ['#0']);
    });

    it('before it starts: nothing is sent', async () => {
      const session = await openWs();
      const summary = await run(session, entriesOf('text one'), { signal: AbortSignal.abort() });
      assert.equal(summary.outcome, 'cancelled');
      assert.deepEqual(sentTexts(session), []);
    });
  });

  describe('on Socket.IO 4', () => {
    it('joins a namespace with a secret, emits with ack, and waits for what the server sends', async () => {
      const sio = await fixture.socketIo('socket.io@4.8.4');
      const session = fixture.session({ kind: 'socketio', url: sio.url, namespaces: [{ name: '/' }] });
      await session.start();
      await waitForEvent(session, (e) => e.type === 'sio-connect' && e.direction === 'in', DEADLINE_MS);
      const book = parseMessageBook(
        [
          '@who = ada',
          '### Join admin',
          'connect /admin {"token": "${secret:ADMIN}"}',
          '###',
          'wait for "root" timeout 5s',
          '### Echo',
          'emit echo ack',
          '"hi {{who}}"',
          '{"n": 1}',
          '###',
          'wait for /^\\d*\\["hi ada",\\{"n":1\\}\\]$/ timeout 5s',
          '###',
          'emit echo-back',
          '["again"]',
          '###',
          'wait for "again" timeout 5s',
        ].join('\n'),
      );
      assert.deepEqual(book.diagnostics, []);
      const summary = await runMessageBook(session, book.entries, {
        clock: systemClock,
        resolve: bookResolver(bookValues(book.variables, { secrets: { ADMIN: 'secret' } }), 'socketio'),
      });
      assert.equal(summary.outcome, 'completed', summary.message);
      assert.deepEqual(sio.seen.connections, ['/', '/admin']);
      assert.deepEqual(sio.seen.echoes, [['hi ada', { n: 1 }]]);
      const ack = ofType(session, 'sio-ack', 'in')[0];
      assert.equal(ack?.meta?.sio?.ackOf, summary.sent[1]);
    });
  });
});

/**
 * Issue #7: one server response must never freeze or kill the extension host. Real servers on
 * 127.0.0.1:0 (the scripted Engine.IO server); no assertion is about speed. What is asserted are
 * counts, order and facts: a callback scheduled when a body arrives runs before the body is done,
 * a run of identical control packets is one row, an empty answer is not polled again at once, and
 * the WebSocket transport refuses a message over maxPayloadBytes.
 */
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { EMPTY_POLL_MIN_GAP_MS } from '../../../../src/core/engineio/pollPacing';
import type { LogEvent } from '../../../../src/core/events/logEvent';
import type { Session } from '../../../../src/core/session/session';
import {
  accept101,
  hold,
  onClientText,
  openPacket,
  sendTextFrame,
  startScriptedServer,
  text,
  type EioScript,
  type HttpContext,
  type ScriptedServer,
} from '../../../fixtures/servers/scriptedEngineIoServer';
import { newSession, ofType, payloadText, waitForEvent, waitForState } from '../../support/sessions';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(check: () => boolean, what: string, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await sleep(20);
  }
}

/** A v4 polling body of `count` distinct messages `m0`…: nothing in it can be collapsed. */
function distinctMessages(count: number): string {
  return Array.from({ length: count }, (_, i) => `4m${i}`).join('\x1e');
}

/** Calls `fn` once, when the poll-response whose body is `body` is logged (the body has arrived). */
function onBodyArrived(session: Session, body: string, fn: () => void): void {
  const size = Buffer.byteLength(body);
  const sub = session.log.onAppend((e) => {
    if (e.type !== 'poll-response' || e.size !== size) return;
    sub.dispose();
    fn();
  });
}

function errorCodes(session: Session): string[] {
  return ofType(session, 'error').map((e) => e.meta?.error?.code ?? '?');
}

describe('Engine.IO reliability (issue #7)', function () {
  this.timeout(20000);
  const servers: ScriptedServer[] = [];
  const sessions: Session[] = [];

  afterEach(async () => {
    for (const s of sessions.splice(0)) {
      await Promise.race([s.close(), sleep(3000)]);
      s.dispose();
    }
    for (const s of servers.splice(0)) {
      const problems = s.scriptErrors.map(String);
      await s.close();
      assert.deepEqual(problems, [], 'the test server scripts ran without exceptions');
    }
  });

  async function run(
    script: EioScript,
    options: Record<string, unknown> = {},
  ): Promise<{ session: Session; server: ScriptedServer }> {
    const server = await startScriptedServer(script);
    servers.push(server);
    const session = newSession({
      kind: 'engineio',
      url: server.url,
      transports: 'polling-only',
      protocolVersion: 4,
      ...options,
    });
    sessions.push(session);
    await session.start();
    return { session, server };
  }

  /** Long-polls: the first answered with `body` (after a short delay), the rest held. */
  const firstPoll =
    (body: string) =>
    (c: HttpContext): void =>
      c.n === 0 ? c.server.later(30, () => text(c.res, body)) : hold(c, 250);

  describe('a large polling body is decoded in slices', () => {
    const count = 20_000;
    const body = distinctMessages(count);

    it('lets a callback scheduled when the body arrives run before the last packet of the body is logged', async () => {
      const { session } = await run({ poll: firstPoll(body) });
      let messagesWhenImmediateRan = -1;
      onBodyArrived(session, body, () =>
        setImmediate(() => {
          messagesWhenImmediateRan = ofType(session, 'eio-message').length;
        }),
      );
      await waitForEvent(session, (e) => e.type === 'eio-message' && payloadText(e) === `m${count - 1}`, 15000);
      assert.ok(messagesWhenImmediateRan >= 0, 'the immediate ran before the last packet of the body was logged');
      assert.ok(
        messagesWhenImmediateRan < count,
        `the immediate ran while the body was being decoded (it saw ${messagesWhenImmediateRan} of ${count} messages)`,
      );
      const messages = ofType(session, 'eio-message');
      assert.equal(messages.length, count, 'every packet is logged once');
      assert.ok(
        messages.every((m, i) => payloadText(m) === `m${i}`),
        'in the order of the body',
      );
      assert.equal(session.info.state, 'open');
    });

    it('stops processing the body when the session closes mid-body', async () => {
      const { session } = await run({ poll: firstPoll(body) });
      onBodyArrived(session, body, () => setImmediate(() => void session.close()));
      await waitForState(session, 'closed', 15000);
      await sleep(100);
      const closed = ofType(session, 'closed');
      assert.equal(closed.length, 1);
      const messages = ofType(session, 'eio-message', 'in');
      assert.ok(messages.length < count, `processing stopped (${messages.length} of ${count} messages logged)`);
      assert.ok(
        messages.every((m) => m.seq < closed[0].seq),
        'no packet is logged after closed',
      );
      assert.deepEqual(errorCodes(session), []);
    });

    it('sends the next long-poll only after the last packet of the body', async () => {
      const { session } = await run({ poll: firstPoll(body) });
      const last = await waitForEvent(
        session,
        (e) => e.type === 'eio-message' && payloadText(e) === `m${count - 1}`,
        15000,
      );
      const response = ofType(session, 'poll-response').find((e) => e.size === Buffer.byteLength(body))!;
      const between = ofType(session, 'poll-request').filter((e) => e.seq > response.seq && e.seq < last.seq);
      assert.deepEqual(between, [], 'no poll-request between the body and its last packet');
      await waitForEvent(session, (e) => e.type === 'poll-request' && e.seq > last.seq, 5000);
    });

    it(
      'delivers a WebSocket message after the upgrade ' + 'only once the polling body in flight is fully delivered',
      async () => {
        // The first long-poll is answered with the large body once the probe is answered too, whichever
        // reaches the server last: the client pauses for that GET, so the upgrade waits for the body.
        let pendingPoll: HttpContext | undefined;
        let probed = false;
        const answerWithBody = (): void => {
          if (!pendingPoll || !probed) return;
          text(pendingPoll.res, body);
          pendingPoll = undefined;
        };
        const { session } = await run(
          {
            poll: (c) => {
              if (c.n === 0) {
                pendingPoll = c;
                answerWithBody();
              } else hold(c, 100);
            },
            upgrade: (c) => {
              accept101(c);
              onClientText(c, (t) => {
                if (t === '2probe') {
                  sendTextFrame(c, '3probe');
                  probed = true;
                  answerWithBody();
                }
                if (t === '5') sendTextFrame(c, '4after-upgrade');
              });
            },
          },
          { transports: 'polling-then-websocket' },
        );
        const after = await waitForEvent(
          session,
          (e) => e.type === 'eio-message' && payloadText(e) === 'after-upgrade',
          15000,
        );
        const fromBody = ofType(session, 'eio-message').filter((e) => payloadText(e) !== 'after-upgrade');
        assert.equal(fromBody.length, count, 'the whole body was delivered');
        assert.ok(
          fromBody.every((e) => e.seq < after.seq),
          'the WebSocket message comes after every packet of the body',
        );
        assert.equal(session.info.upgrade, 'upgraded');
      },
    );
  });

  describe('runs of identical control packets', () => {
    it('shows 200,000 noops in one body as one row with repeat 200000 and a warning, and stays healthy', async () => {
      const body = Array(200_000).fill('6').join('\x1e');
      const { session, server } = await run({ poll: firstPoll(body) });
      const response = await waitForEvent(session, (e) => e.type === 'poll-response' && e.size === body.length, 10000);
      await eventually(() => server.count('poll') >= 2, 'the next long-poll');
      const noops = ofType(session, 'eio-noop').filter((e) => e.parent === response.seq);
      assert.equal(noops.length, 1, 'one row for the run');
      assert.equal(noops[0].meta!.eio!.repeat, 200_000);
      assert.match(noops[0].meta!.warning!, /200,000 identical noop packets in one response, shown as one row/);
      assert.equal(session.info.state, 'open');
      assert.deepEqual(errorCodes(session), []);
    });

    it('answers a run of identical pings once', async () => {
      const { session, server } = await run({ poll: firstPoll('2\x1e2\x1e2\x1e4after') });
      await waitForEvent(session, (e) => e.type === 'eio-message' && payloadText(e) === 'after', 5000);
      const pings = ofType(session, 'eio-ping', 'in');
      assert.equal(pings.length, 1);
      assert.equal(pings[0].meta!.eio!.repeat, 3);
      await eventually(() => server.requests.some((r) => r.kind === 'post' && r.body !== undefined), 'the pong POST');
      await sleep(200);
      const pongs = server.requests
        .filter((r) => r.kind === 'post')
        .flatMap((r) => (r.body ?? '').split('\x1e'))
        .filter((p) => p === '3');
      assert.equal(pongs.length, 1, 'one pong for the run');
      assert.equal(ofType(session, 'eio-pong', 'out').length, 1);
    });

    it('does not collapse identical messages (each is data for the layer on top)', async () => {
      const { session } = await run({ poll: firstPoll('4same\x1e4same\x1e4same') });
      await eventually(() => ofType(session, 'eio-message').length === 3, 'three message rows');
      assert.ok(ofType(session, 'eio-message').every((e) => e.meta?.eio?.repeat === undefined));
    });
  });

  describe('polls after an empty answer', () => {
    it('keeps a floor between polls against a server that answers every GET at once with a noop', async () => {
      const { session, server } = await run({ poll: (c) => text(c.res, '6') });
      await eventually(() => server.count('poll') >= 3, 'polls happen');
      const start = performance.now();
      const before = server.count('poll');
      await sleep(1500);
      const polls = server.count('poll') - before;
      const elapsed = performance.now() - start;
      const ceiling = Math.floor(elapsed / EMPTY_POLL_MIN_GAP_MS) + 2;
      assert.ok(polls <= ceiling, `${polls} polls in ${elapsed.toFixed(0)} ms; the floor allows at most ${ceiling}`);
      const paced = ofType(session, 'poll-request').filter((e) =>
        /waited \d+ ms after an empty answer/.test(e.meta?.note ?? ''),
      );
      assert.ok(paced.length >= 1, 'the poll-request row says it waited');
      assert.equal(session.info.state, 'open');
    });

    it('does not delay the next poll after a long-poll that the server held past the floor', async () => {
      const { session, server } = await run({ poll: (c) => hold(c, EMPTY_POLL_MIN_GAP_MS + 100) });
      await eventually(() => server.count('poll') >= 3, 'three long-polls');
      const polls = ofType(session, 'poll-request').filter((e) => e.meta?.note?.startsWith('Long-poll'));
      assert.ok(polls.length >= 2);
      assert.ok(
        polls.every((e) => !/waited/.test(e.meta!.note!)),
        polls.map((e) => e.meta!.note).join(' | '),
      );
    });
  });

  describe('the WebSocket transport', () => {
    it('refuses a message over maxPayloadBytes: close 1009 on the wire and an error row', async () => {
      const { session } = await run(
        {
          upgrade: (c) => {
            accept101(c);
            sendTextFrame(c, openPacket({ upgrades: [] }));
            // A raw server answers no close frame: it ends the connection after the message, so ws need not wait 30 s.
            c.server.later(50, () => {
              sendTextFrame(c, `4${'x'.repeat(4000)}`);
              c.socket.end();
            });
          },
        },
        { transports: 'websocket-only', maxPayloadBytes: 1024 },
      );
      await waitForState(session, 'closed', 8000);
      const tooBig = ofType(session, 'error').find((e) => e.meta?.error?.code === 'RI_MESSAGE_TOO_BIG');
      assert.ok(tooBig, `an RI_MESSAGE_TOO_BIG error (got ${errorCodes(session).join(', ')})`);
      const sent = ofType(session, 'close-frame', 'out').map((e: LogEvent) => e.meta?.close?.sentCode);
      assert.deepEqual(sent, [1009], 'close 1009 went on the wire');
      assert.equal(ofType(session, 'eio-message').length, 0, 'the oversized message was not delivered');
    });
  });
});

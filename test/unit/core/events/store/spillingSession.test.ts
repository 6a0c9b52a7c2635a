/**
 * Issue #9 end to end: a real WebSocket session (the `ws` echo fixture), made by createSession with a
 * SpillingEventLog small enough to spill, records every frame and gives all of it back, in seq order.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EventLog } from '../../../../../src/core/events/eventLog';
import { SpillingEventLog } from '../../../../../src/core/events/store/spillingEventLog';
import { createSession } from '../../../../../src/core/session/createSession';
import type { Session } from '../../../../../src/core/session/session';
import { startWsServer, type WsServer } from '../../../../fixtures/servers/wsServer';
import { eventually, waitForState } from '../../../support/sessions';
import { filesUnder, tempRoot } from './storeFixtures';

const MESSAGES = 3000;

describe('SpillingEventLog in a session', () => {
  const root = tempRoot();
  let server: WsServer;
  let session: Session | undefined;
  before(async () => {
    server = await startWsServer();
  });
  after(() => server.close());
  afterEach(async () => {
    await session?.close();
    session?.dispose();
    session?.log.dispose();
  });

  it('records and reads back every frame of an echo session, spilled to disk', async () => {
    const dir = path.join(root, 'session');
    const made: EventLog[] = [];
    const created = createSession(
      { kind: 'websocket', url: `${server.url}/echo` },
      { logFactory: () => (made.push(new SpillingEventLog({ dir, memoryBudgetBytes: 96 * 1024 })), made[0]) },
    );
    assert.ok(created.ok);
    session = created.value;
    assert.equal(session.log, made[0], 'the session logs into the log the factory made');
    await session.start();
    await waitForState(session, 'open');
    let textsSent = 0;
    for (let i = 0; i < MESSAGES; i++) {
      const text = i % 5 ? `text ${i} ${'.'.repeat(i % 200)}` : undefined;
      const request = text
        ? ({ kind: 'text', text } as const)
        : ({ kind: 'binary', encoding: 'hex', data: (i % 256).toString(16).padStart(2, '0').repeat(40) } as const);
      const outcome = session.send(request);
      assert.ok(outcome.ok, JSON.stringify(outcome));
      if (text) textsSent++;
    }
    const log = session.log as SpillingEventLog;
    await eventually(() => session?.info.messagesIn === MESSAGES, 'every echo back', 15_000);

    const stats = log.stats();
    assert.equal(stats.dropped, 0);
    assert.ok(stats.onDisk > 0 && stats.diskBytes > 0, JSON.stringify(stats));
    assert.ok(filesUnder(dir).length > 0);
    const events = log.page(1, log.count);
    assert.deepEqual(
      events.map((e) => e.seq),
      Array.from({ length: log.count }, (_, i) => i + 1),
    );
    assert.equal(events.filter((e) => e.type === 'message').length, 2 * MESSAGES);
    const texts = events.filter((e) => e.type === 'message' && e.payload?.kind === 'text');
    const outTexts = texts.filter((e) => e.direction === 'out').map((e) => (e.payload as { text: string }).text);
    const inTexts = texts.filter((e) => e.direction === 'in').map((e) => (e.payload as { text: string }).text);
    assert.deepEqual(inTexts, outTexts, 'every text came back, in order');
    assert.equal(outTexts.length, textsSent);
    const binIn = events.filter((e) => e.type === 'message' && e.direction === 'in' && e.payload?.kind === 'binary');
    assert.equal(binIn.length, MESSAGES / 5);
    assert.ok(binIn.every((e) => e.payload?.kind === 'binary' && e.payload.bytes.length === 40));
    assert.equal(events[0].type, 'connecting');

    await session.close();
    session.dispose();
    session = undefined;
    log.dispose();
    assert.deepEqual(fs.readdirSync(dir), [], 'disposing the log removes its files');
  });
});

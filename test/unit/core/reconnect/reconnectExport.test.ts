/**
 * A session that reconnected, exported (issue 12 review): one log with several handshakes must give one HAR entry
 * per connection — each WebSocket with its own messages, a refused handshake as its own entry with its status —
 * and JSON Lines with every row in order, our reconnect rows included; both read back without error.
 */
import assert from 'node:assert/strict';
import { importHar } from '../../../../src/core/exchange/harImport';
import { importJsonl } from '../../../../src/core/exchange/jsonlImport';
import type { ReconnectingSession } from '../../../../src/core/reconnect/reconnectingSession';
import { startFlakyWsServer, type FlakyWsServer } from '../../../fixtures/servers/flakyWsServer';
import { eventually } from '../../support/sessions';
import { assertChromeReadable, harOf, jsonlOf, memoryLog } from '../exchange/exchangeFixture';
import { POLICY, reconnecting, waitForPhase } from './reconnectSupport';

describe('Export of a session that reconnected (HAR and JSON Lines)', function () {
  this.timeout(20_000);
  let server: FlakyWsServer;
  let session: ReconnectingSession | undefined;

  beforeEach(async () => {
    server = await startFlakyWsServer();
  });
  afterEach(async () => {
    session?.dispose();
    session = undefined;
    await server.close();
  });

  /** Sends `text` and waits for its echo. */
  async function echo(text: string): Promise<void> {
    const before = session!.info.messagesIn;
    assert.ok(session!.send({ kind: 'text', text }).ok);
    await eventually(() => session!.info.messagesIn > before, `the echo of ${text}`);
  }

  /** Three connections: open, lost; a 503; open again, then closed by the user. */
  async function recordThreeAttempts(): Promise<void> {
    const fixture = reconnecting({ kind: 'websocket', url: server.url }, POLICY, () => 1);
    session = fixture.session;
    assert.equal(await session.start(), 'open');
    await echo('first');
    server.mode = { refuseStatus: 503 };
    server.dropAll();
    await waitForPhase(session, 'waiting');
    fixture.clock.advance(fixture.clock.pendingDelays[0]);
    await waitForPhase(session, 'connecting');
    await waitForPhase(session, 'waiting');
    server.mode = { accept: true };
    fixture.clock.advance(fixture.clock.pendingDelays[0]);
    await waitForPhase(session, 'open');
    await echo('second');
    await session.close();
  }

  it('HAR: one entry per handshake, each WebSocket with its own messages, readable by Chrome', async () => {
    await recordThreeAttempts();
    const { log, text } = await harOf(session!);
    assertChromeReadable(log);
    assert.deepEqual(
      log.entries.map((entry) => entry.response.status),
      [101, 503, 101],
    );
    const texts = log.entries.map((entry) => (entry._webSocketMessages ?? []).map((m) => `${m.type}:${m.data}`));
    assert.deepEqual(texts, [['send:first', 'receive:first'], [], ['send:second', 'receive:second']]);
    const imported = await importHar(text, { logFactory: memoryLog });
    assert.ok(imported.ok, imported.ok ? '' : imported.error.message);
    imported.session.log.dispose();
  });

  it('JSON Lines: every row, in order, the reconnect rows with their attempt; read back whole', async () => {
    await recordThreeAttempts();
    const text = await jsonlOf(session!);
    const imported = await importJsonl(text, { logFactory: memoryLog });
    assert.ok(imported.ok, imported.ok ? '' : imported.error.message);
    const back = imported.session.log.page(1, imported.session.log.count);
    const original = session!.log.page(1, session!.log.count);
    assert.deepEqual(
      back.map((event) => [event.seq, event.type]),
      original.map((event) => [event.seq, event.type]),
    );
    const attempts = back.filter((event) => event.type === 'reconnect-attempt').map((e) => e.meta?.reconnect?.attempt);
    assert.deepEqual(attempts, [1, 2]);
    assert.equal(back.filter((event) => event.type === 'reconnected').length, 1);
    imported.session.log.dispose();
  });
});

/**
 * The WebSocket transport knows why its socket closed from its own state (issue #8): the engine never
 * reads its log back. The log given here refuses to be read; the refusal the server wrote after the 101
 * must still be explained in words.
 */
import assert from 'node:assert/strict';
import type { LogEvent } from '../../../../../src/core/events/logEvent';
import { MemoryEventLog } from '../../../../../src/core/events/memoryEventLog';
import { accept101 } from '../../../../fixtures/servers/scriptedEngineIoServer';
import { useSessions, waitForState } from '../../../support/sessions';

/** A log the engine may write but not read. */
class WriteOnlyLog extends MemoryEventLog {
  reads = 0;
  override get(seq: number): LogEvent | undefined {
    this.reads++;
    return super.get(seq);
  }
  override page(fromSeq: number, limit: number): LogEvent[] {
    this.reads++;
    return super.page(fromSeq, limit);
  }
}

describe('WebSocketTransport', function () {
  this.timeout(15000);
  const fixture = useSessions();

  it('explains a refusal written after the 101 (engine.io code 5) without reading the log', async () => {
    const refusal = JSON.stringify({ code: 5, message: 'Unsupported protocol version' });
    const server = await fixture.scripted({
      upgrade: (c) => {
        accept101(c);
        c.socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Length: ${refusal.length}\r\n\r\n${refusal}`);
      },
    });
    const log = new WriteOnlyLog();
    const session = fixture.engineSession(
      { url: server.url, transports: 'websocket-only', protocolVersion: 3 },
      { log },
    );
    await session.start();
    await waitForState(session, 'closed', 8000);
    const failure = log.page(1, log.count).find((e) => e.layer === 'eio' && e.type === 'error')?.meta?.error;
    assert.equal(failure?.code, 'RI_SERVER_REFUSED', JSON.stringify(failure));
    assert.match(failure?.message ?? '', /Unsupported protocol version/);
    assert.equal(log.reads, 1, 'only this test read the log');
  });
});

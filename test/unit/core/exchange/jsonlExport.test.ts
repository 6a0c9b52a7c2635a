/**
 * JSON Lines export (issue 10): a header line naming the format, its version and the session (URL redacted),
 * then exactly the LogEvents of the log, one per line (binary payload bytes as `{"$base64": …}`), then the end
 * line with the count — each line valid JSON on its own.
 */
import assert from 'node:assert/strict';
import { useSessions } from '../../support/sessions';
import { allEvents, jsonlOf, withWsServer, recordWebSocket } from './exchangeFixture';

describe('JSON Lines export (issue 10)', function () {
  this.timeout(20_000);
  const fixture = useSessions();

  it('header, one line per event exactly as logged, end line', async () => {
    await withWsServer(async (server) => {
      const live = await recordWebSocket(fixture, server);
      const text = await jsonlOf(live, { sanitize: false });
      assert.ok(text.endsWith('\n'));
      const lines = text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      const [header, ...rest] = lines;
      const end = rest.pop()!;
      assert.deepEqual(Object.keys(header), ['format', 'version', 'session', 'exportedAt', 'sanitized', 'dropped']);
      assert.equal(header.format, 'realtime-inspector-jsonl');
      assert.equal(header.version, 1);
      assert.equal(header.sanitized, false);
      assert.equal(header.dropped, 0);
      const session = header.session as Record<string, unknown>;
      assert.deepEqual(
        [session.kind, session.url, session.startedAt],
        ['websocket', live.info.url, live.info.startedAt],
      );
      assert.ok(!Number.isNaN(Date.parse(header.exportedAt as string)));
      assert.deepEqual(end, { format: 'realtime-inspector-jsonl', end: true, events: live.log.count });
      const events = allEvents(live);
      assert.equal(rest.length, events.length);
      rest.forEach((line, i) => {
        const event = events[i];
        assert.equal(line.seq, event.seq);
        const { payload, ...fields } = line as { payload?: Record<string, unknown> };
        const { payload: livePayload, ...liveFields } = event;
        assert.deepEqual(fields, JSON.parse(JSON.stringify(liveFields)), `line ${i + 2} is event #${event.seq}`);
        if (livePayload?.kind === 'binary') {
          assert.deepEqual(payload, {
            kind: 'binary',
            bytes: { $base64: Buffer.from(livePayload.bytes).toString('base64') },
            byteLength: livePayload.byteLength,
          });
        } else assert.deepEqual(payload, livePayload);
      });
      assert.ok(rest.some((line) => (line.payload as { kind?: string } | undefined)?.kind === 'binary'));
    });
  });

  it('sanitized by default: the header says so and the URL is masked', async () => {
    await withWsServer(async (server) => {
      const session = fixture.session({ kind: 'websocket', url: `${server.url}/echo?token=sEcReT-4242` });
      await session.start();
      await session.close();
      const [header] = (await jsonlOf(session)).split('\n').map((line) => JSON.parse(line || 'null'));
      assert.equal(header.sanitized, true);
      assert.equal(header.session.url, `${server.url}/echo?token=••••`);
    });
  });
});

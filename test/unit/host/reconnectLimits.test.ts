/**
 * The limit settings reach every attempt of a reconnecting session (issue 12 review), whichever way it was
 * launched: from a profile (its connection over the settings, launchOptions) and from Connect… (a draft started
 * from the settings). A real server echoes a message past the maxMessageBytes setting on the second connection:
 * that attempt refuses it with the row naming the setting.
 */
import assert from 'node:assert/strict';
import type { ConnectionOptions } from '../../../src/core/connection/connectionOptions';
import { limitOptionsFromSettings } from '../../../src/core/limits/limitSettings';
import { LIMITS } from '../../../src/core/limits/limits';
import type { ReconnectingSession } from '../../../src/core/reconnect/reconnectingSession';
import { createSession } from '../../../src/core/session/createSession';
import { optionsOfDraft, type Draft } from '../../../src/host/connectDraft';
import { launchOptions } from '../../../src/host/profiles/profileLaunch';
import type { ConnectionDefaults } from '../../../src/host/settings';
import { startFlakyWsServer, type FlakyWsServer } from '../../fixtures/servers/flakyWsServer';
import { ManualClock } from '../support/manualClock';
import { eventually } from '../support/sessions';
import { ofType } from '../support/sessionEvents';

const SETTINGS = new Map<string, unknown>([
  [LIMITS.maxMessageBytes.setting, 1024],
  [LIMITS.maxFragmentsPerMessage.setting, 77],
  [LIMITS.maxBufferedSendBytes.setting, 128 * 1024],
]);
const DEFAULTS: ConnectionDefaults = {
  handshakeTimeoutMs: 10_000,
  ...limitOptionsFromSettings((key) => SETTINGS.get(key)),
  tls: { rejectUnauthorized: true },
};
const POLICY = { initialDelayMs: 1000, maxDelayMs: 30_000, resetAfterMs: 60_000 };

describe('Limit settings in every attempt of a reconnecting session (issue 12)', function () {
  this.timeout(15_000);
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

  const launches: Array<[string, () => unknown]> = [
    [
      'a profile',
      () =>
        launchOptions({ kind: 'websocket', url: server.url } as ConnectionOptions, DEFAULTS, 'user').options as unknown,
    ],
    ['Connect…', () => optionsOfDraft({ ...DEFAULTS, kind: 'websocket', url: server.url } as Draft)],
  ];

  for (const [how, options] of launches)
    it(`launched from ${how}: the second connection refuses a message past the setting, naming it`, async () => {
      const clock = new ManualClock();
      const created = createSession(options(), { reconnect: POLICY, clock });
      assert.ok(created.ok, JSON.stringify(!created.ok && created.issues));
      session = created.value as ReconnectingSession;
      const resolved = session.options as unknown as Record<string, unknown>;
      assert.deepEqual(
        [resolved.maxPayloadBytes, resolved.maxFragmentsPerMessage, resolved.maxBufferedSendBytes],
        [1024, 77, 128 * 1024],
      );
      assert.equal(await session.start(), 'open');
      server.dropAll();
      await eventually(() => session!.status.phase === 'waiting', 'waiting');
      clock.advance(clock.pendingDelays[0]);
      await eventually(() => session!.status.phase === 'open', 'attempt 1 open');
      assert.ok(session.send({ kind: 'text', text: 'x'.repeat(4096) }).ok, 'sends are not capped by it');
      await eventually(() => ofType(session!, 'error').length > 0, 'the echo refused');
      const error = ofType(session, 'error')[0].meta!.error!;
      assert.equal(error.code, 'RI_MESSAGE_TOO_BIG');
      assert.match(error.message, /realtimeInspector\.maxMessageBytes/);
      const types = session.log.page(1, session.log.count).map((event) => event.type);
      assert.ok(types.indexOf('reconnected') < types.indexOf('error'), 'in the second connection');
    });
});

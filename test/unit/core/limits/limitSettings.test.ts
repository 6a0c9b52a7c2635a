/**
 * The limits list (src/core/limits/limits.ts) is the one source of the limits' facts (issue 12): package.json
 * contributes each setting with the same default, minimum and maximum, keeps a workspace from changing it in
 * restricted mode, and declares no other limit; each setting reaches the connection option its engine reads,
 * through the same validation, with the same range.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateConnectionOptions } from '../../../../src/core/connection/connectionOptions';
import { LIMITS, formatBytes, raiseSettingHint, type LimitName } from '../../../../src/core/limits/limits';
import {
  CONNECTION_LIMITS,
  limitOptionsFromSettings,
  logBudgetsFromSettings,
} from '../../../../src/core/limits/limitSettings';

interface Contributed {
  type?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  markdownDescription?: string;
}

const root = join(__dirname, '../../../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, Contributed> } };
  capabilities: { untrustedWorkspaces: { restrictedConfigurations?: string[] } };
};
const properties = manifest.contributes.configuration.properties;
const names = Object.keys(LIMITS) as LimitName[];

/** Settings that bound what a server can make the inspector hold; the stored-payload preview is a view choice. */
const NOT_LIMITS = new Set(['realtimeInspector.maxPayloadPreviewBytes']);

/** Options of `kind` with one field set, validated; the resolved value of `field` or the issues. */
function resolved(kind: string, field: string, value: unknown): unknown {
  const urls: Record<string, string> = {
    websocket: 'ws://h/',
    socketio: 'http://h/',
    engineio: 'http://h/',
    sse: 'http://h/e',
    longpoll: 'http://h/p',
  };
  const result = validateConnectionOptions({ kind, url: urls[kind], [field]: value });
  return result.ok ? (result.value as unknown as Record<string, unknown>)[field] : result.issues;
}

/** The kinds whose options take a limit's option, and the option's name there. */
const KINDS_OF: Record<string, Array<[string, string]>> = {
  maxMessageBytes: [
    ['websocket', 'maxPayloadBytes'],
    ['socketio', 'maxPayloadBytes'],
  ],
  maxFragmentsPerMessage: [
    ['websocket', 'maxFragmentsPerMessage'],
    ['engineio', 'maxFragmentsPerMessage'],
  ],
  maxBufferedSendBytes: [
    ['websocket', 'maxBufferedSendBytes'],
    ['socketio', 'maxBufferedSendBytes'],
  ],
  maxPollBodyBytes: [
    ['engineio', 'maxPollBodyBytes'],
    ['longpoll', 'maxBodyBytes'],
  ],
  maxSseLineBytes: [['sse', 'maxLineBytes']],
  maxSocketIoAttachments: [['socketio', 'maxAttachments']],
};

describe('limits as settings (issue 12)', () => {
  describe('package.json agrees with the limits list', () => {
    for (const name of names) {
      const limit = LIMITS[name];
      it(`${limit.setting}: a number with default ${limit.default}, from ${limit.min} to ${limit.max}`, () => {
        const contributed = properties[limit.setting];
        assert.ok(contributed, `package.json contributes ${limit.setting}`);
        assert.equal(contributed.type, 'number');
        assert.equal(contributed.default, limit.default);
        assert.equal(contributed.minimum, limit.min);
        assert.equal(contributed.maximum, limit.max);
        assert.ok(limit.min <= limit.default && limit.default <= limit.max);
        assert.ok((contributed.markdownDescription ?? '').length > 40, 'the setting says what hitting it does');
      });
    }

    it('declares no limit setting the list does not know', () => {
      const listed = new Set<string>(names.map((n) => LIMITS[n].setting));
      const looksLikeLimit = Object.keys(properties).filter(
        (key) => /^realtimeInspector\.(max[A-Z]|log\.\w+Budget)/.test(key) && !NOT_LIMITS.has(key),
      );
      assert.deepEqual(
        looksLikeLimit.filter((key) => !listed.has(key)),
        [],
      );
    });

    it('an untrusted workspace cannot change any limit (restrictedConfigurations)', () => {
      const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? [];
      assert.deepEqual(
        names.map((n) => LIMITS[n].setting).filter((s) => !restricted.includes(s)),
        [],
      );
    });
  });

  describe('each setting reaches the option its engine reads', () => {
    it('maps every connection limit setting to its option, and nothing that is not a number', () => {
      const values = new Map<string, number>(
        CONNECTION_LIMITS.map((name, i) => [LIMITS[name].setting, LIMITS[name].min + i]),
      );
      const options = limitOptionsFromSettings((key) => values.get(key));
      assert.deepEqual(
        options,
        Object.fromEntries(CONNECTION_LIMITS.map((name, i) => [LIMITS[name].option, LIMITS[name].min + i])),
      );
      assert.deepEqual(
        limitOptionsFromSettings(() => 'big'),
        {},
      );
      assert.deepEqual(
        limitOptionsFromSettings(() => Number.NaN),
        {},
      );
      assert.deepEqual(
        limitOptionsFromSettings(() => undefined),
        {},
      );
    });

    it('the log budgets: the settings, else the list’s defaults', () => {
      const read = (key: string): unknown => (key === LIMITS.logMemoryBudgetBytes.setting ? 8 * 1024 * 1024 : 'x');
      assert.deepEqual(logBudgetsFromSettings(read), {
        memoryBudgetBytes: 8 * 1024 * 1024,
        diskBudgetBytes: LIMITS.logDiskBudgetBytes.default,
      });
    });

    it('covers every connection limit in this test', () => {
      assert.deepEqual(Object.keys(KINDS_OF).sort(), [...CONNECTION_LIMITS].sort());
    });

    for (const [name, targets] of Object.entries(KINDS_OF)) {
      const limit = LIMITS[name as LimitName];
      for (const [kind, field] of targets) {
        it(`${limit.setting} → ${kind} ${field}: the default, the setting's range accepted, beyond it refused`, () => {
          assert.equal(resolved(kind, field, undefined), limit.default);
          assert.equal(resolved(kind, field, limit.min), limit.min);
          assert.equal(resolved(kind, field, limit.max), limit.max);
          const above = resolved(kind, field, limit.max + 1) as Array<{ field: string }>;
          assert.ok(Array.isArray(above) && above.some((i) => i.field === field), JSON.stringify(above));
        });
      }
    }

    it('a draft with the settings underneath gives each engine its value', () => {
      const settings = new Map<string, unknown>([
        [LIMITS.maxFragmentsPerMessage.setting, 77],
        [LIMITS.maxSseLineBytes.setting, 4096],
        [LIMITS.maxSocketIoAttachments.setting, 3],
        [LIMITS.maxBufferedSendBytes.setting, 128 * 1024],
      ]);
      const defaults = limitOptionsFromSettings((key) => settings.get(key));
      const ws = validateConnectionOptions({ kind: 'websocket', ...defaults, url: 'ws://h/' });
      const sse = validateConnectionOptions({ kind: 'sse', ...defaults, url: 'http://h/e' });
      const sio = validateConnectionOptions({ kind: 'socketio', ...defaults, url: 'http://h/' });
      assert.ok(ws.ok && sse.ok && sio.ok);
      assert.equal(ws.value.kind === 'websocket' && ws.value.maxFragmentsPerMessage, 77);
      assert.equal(ws.value.kind === 'websocket' && ws.value.maxBufferedSendBytes, 128 * 1024);
      assert.equal(sse.value.kind === 'sse' && sse.value.maxLineBytes, 4096);
      assert.equal(sio.value.kind === 'socketio' && sio.value.maxAttachments, 3);
    });
  });

  describe('the words', () => {
    it('a hint names the setting and the profile field', () => {
      assert.equal(
        raiseSettingHint('maxMessageBytes', 'larger messages'),
        "Raise the setting realtimeInspector.maxMessageBytes (a profile's maxPayloadBytes) to accept larger messages.",
      );
      assert.equal(
        raiseSettingHint('logMemoryBudgetBytes', 'more'),
        'Raise the setting realtimeInspector.log.memoryBudgetBytes to accept more.',
      );
    });

    it('bytes in the unit a person reads', () => {
      assert.equal(formatBytes(16 * 1024 * 1024), '16 MiB');
      assert.equal(formatBytes(1536), '1.50 KiB');
      assert.equal(formatBytes(300), '300 bytes');
      assert.equal(formatBytes(2 * 1024 ** 3), '2 GiB');
    });
  });
});

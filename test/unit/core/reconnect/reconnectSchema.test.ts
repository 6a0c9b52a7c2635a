/**
 * The profile schema's `reconnect` and core's reconnect policy agree (issue 12): the same fields, the same
 * bounds, the same defaults; and a profile's setting reaches the validator's issues at the field's path.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProfileFile } from '../../../../src/core/profiles/profileFileParser';
import {
  DEFAULT_RECONNECT_POLICY,
  RECONNECT_BOUNDS,
  RECONNECT_FIELDS,
} from '../../../../src/core/reconnect/reconnectPolicy';

interface Node {
  properties?: Record<string, Node>;
  oneOf?: Node[];
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  default?: unknown;
  $ref?: string;
}

const schemaPath = join(__dirname, '../../../../schemas/realtime-inspector.schema.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as { definitions: Record<string, Node> };

describe('reconnect in the profile schema', () => {
  const definition = schema.definitions.reconnect;
  const object = definition.oneOf?.find((branch) => branch.properties) ?? {};
  const properties = object.properties ?? {};

  it('is what a profile refers to, "off" or an object of exactly the policy fields', () => {
    assert.equal(schema.definitions.profile.properties?.reconnect.$ref, '#/definitions/reconnect');
    assert.deepEqual(definition.oneOf?.find((branch) => branch.enum)?.enum, ['off']);
    assert.deepEqual(Object.keys(properties).sort(), [...RECONNECT_FIELDS].sort());
  });

  it('has the bounds and defaults of the policy', () => {
    for (const [field, bounds] of Object.entries(RECONNECT_BOUNDS)) {
      assert.deepEqual([properties[field].minimum, properties[field].maximum], [bounds.min, bounds.max], field);
    }
    for (const [field, value] of Object.entries(DEFAULT_RECONNECT_POLICY)) {
      assert.equal(properties[field].default, value, field);
    }
  });

  it('reports a profile setting at its path: errors skip the profile, an unknown field only warns', () => {
    const text = (reconnect: unknown): string =>
      JSON.stringify({
        version: 1,
        profiles: [{ id: 'a', name: 'A', connection: { kind: 'websocket', url: 'ws://a/' }, reconnect }],
      });
    const bad = parseProfileFile(text({ initialDelayMs: 5000, maxDelayMs: 1000 }));
    assert.deepEqual(
      bad.issues.map((issue) => [issue.path, issue.severity]),
      [['profiles[0].reconnect.maxDelayMs', 'error']],
    );
    assert.equal(bad.profiles.length, 0);
    const unknown = parseProfileFile(text({ jitter: 'full' }));
    assert.deepEqual(
      unknown.issues.map((issue) => [issue.path, issue.severity]),
      [['profiles[0].reconnect.jitter', 'warning']],
    );
    assert.equal(unknown.profiles.length, 1);
    assert.deepEqual(parseProfileFile(text('off')).issues, []);
  });
});

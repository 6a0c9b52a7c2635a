/**
 * schemas/realtime-inspector.schema.json and the profile file validator agree: on example files (the editor's
 * squiggles and the extension's issues come and go together), on the kinds and every kind's fields, on the
 * enums (transports, send kinds, methods) and on the defaults offered in completion. The schema is checked
 * with ajv (draft-07), which @vscode/vsce brings into node_modules; it is not a dependency of ours.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'jsonc-parser';
import { validateConnectionOptions } from '../../../../src/core/connection/connectionOptions';
import { TRANSPORT_POLICIES } from '../../../../src/core/connection/engineIoOptions';
import {
  CONNECTION_FIELDS,
  CONNECTION_KINDS,
  NESTED_FIELDS,
  SEND_REQUEST_FIELDS,
} from '../../../../src/core/profiles/connectionFields';
import { parseProfileFile } from '../../../../src/core/profiles/profileFileParser';
import { PROFILE_FIELDS } from '../../../../src/core/profiles/profileModel';
import { SEND_KINDS } from '../../../../src/core/session/sendRequest';
import { BAD_FILES, GOOD_FILES } from './profileExamples';

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode | SchemaNode[];
  enum?: unknown[];
  default?: unknown;
  $ref?: string;
  [key: string]: unknown;
}

const schemaPath = join(__dirname, '../../../../schemas/realtime-inspector.schema.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as SchemaNode & { definitions: Record<string, SchemaNode> };
const definitions = schema.definitions;

/** A `$ref` followed to its definition. */
function deref(node: SchemaNode): SchemaNode {
  return node.$ref ? definitions[node.$ref.replace('#/definitions/', '')] : node;
}

const sorted = (values: Iterable<string>) => [...values].sort();

type Validate = ((data: unknown) => boolean) & { errors?: unknown };

/** ajv from node_modules when present (it comes with @vscode/vsce), else undefined. */
function loadAjv(): Validate | undefined {
  try {
    const Ajv = require('ajv').default;
    const ajv = new Ajv({ allErrors: true, strict: true });
    // VS Code's own keywords: completion and hover only.
    ajv.addVocabulary([
      'allowComments',
      'allowTrailingCommas',
      'defaultSnippets',
      'enumDescriptions',
      'markdownDescription',
    ]);
    return ajv.compile(schema) as Validate;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

describe('profile file schema', () => {
  describe('agrees with the validator on example files', function () {
    const validate = loadAjv();
    before(function () {
      if (!validate) this.skip();
    });
    for (const [name, text] of Object.entries(GOOD_FILES)) {
      it(`both accept: ${name}`, () => {
        assert.deepEqual(parseProfileFile(text).issues, []);
        assert.ok(validate?.(parse(text, [], { allowTrailingComma: true })), JSON.stringify(validate?.errors));
      });
    }
    for (const [name, text] of Object.entries(BAD_FILES)) {
      it(`both refuse: ${name}`, () => {
        assert.ok(parseProfileFile(text).issues.length > 0, 'the validator reports an issue');
        assert.equal(validate?.(parse(text, [], { allowTrailingComma: true })), false, 'the schema refuses it');
      });
    }
  });

  it('lists the same connection kinds, each with exactly the fields the validator knows', () => {
    const connection = definitions.connection;
    assert.deepEqual(connection.properties?.kind.enum, CONNECTION_KINDS);
    for (const kind of CONNECTION_KINDS) {
      assert.deepEqual(sorted(Object.keys(definitions[kind].properties ?? {})), sorted(CONNECTION_FIELDS[kind]), kind);
      assert.deepEqual(definitions[kind].properties?.kind.enum, [kind]);
    }
    const allOf = connection.allOf as Array<{ if: SchemaNode; then: SchemaNode }>;
    assert.deepEqual(
      allOf.map((branch) => [branch.if.properties?.kind.const, branch.then.$ref]),
      CONNECTION_KINDS.map((kind) => [kind, `#/definitions/${kind}`]),
    );
  });

  it('lists the same nested fields, profile fields, send kinds and their fields', () => {
    const property = (kind: string, field: string) => deref(definitions[kind].properties?.[field] ?? {});
    assert.deepEqual(sorted(Object.keys(definitions.tls.properties ?? {})), sorted(NESTED_FIELDS.tls));
    assert.deepEqual(
      sorted(Object.keys(property('longpoll', 'cursor').properties ?? {})),
      sorted(NESTED_FIELDS.cursor),
    );
    assert.deepEqual(sorted(Object.keys(property('shortpoll', 'retry').properties ?? {})), sorted(NESTED_FIELDS.retry));
    const namespace = property('socketio', 'namespaces').items as SchemaNode;
    assert.deepEqual(sorted(Object.keys(namespace.properties ?? {})), sorted(NESTED_FIELDS.namespaces));
    assert.deepEqual(sorted(Object.keys(definitions.profile.properties ?? {})), sorted(PROFILE_FIELDS));
    assert.deepEqual(definitions.request.properties?.kind.enum, SEND_KINDS);
    for (const kind of SEND_KINDS)
      assert.deepEqual(
        sorted(Object.keys(definitions[`request-${kind}`].properties ?? {})),
        sorted(SEND_REQUEST_FIELDS[kind]),
      );
  });

  it('offers the enums the validator accepts', () => {
    assert.deepEqual(definitions.socketio.properties?.transports.enum, TRANSPORT_POLICIES);
    assert.deepEqual(definitions.engineio.properties?.protocolVersion.enum, ['auto', 3, 4]);
    assert.deepEqual(definitions.socketio.properties?.parser.enum, ['default', 'msgpack']);
    assert.deepEqual(definitions.method.enum, ['GET', 'POST']);
    for (const method of definitions.method.enum ?? [])
      assert.ok(validateConnectionOptions({ kind: 'sse', url: 'http://a/', method }).ok, String(method));
    assert.equal(validateConnectionOptions({ kind: 'sse', url: 'http://a/', method: 'PUT' }).ok, false);
  });

  it('offers as defaults exactly what the validator fills in', () => {
    const urls: Record<string, string> = { websocket: 'ws://a/', socketio: 'http://a/', engineio: 'http://a/' };
    let compared = 0;
    for (const kind of CONNECTION_KINDS) {
      const result = validateConnectionOptions({ kind, url: urls[kind] ?? 'http://a/' });
      assert.ok(result.ok, kind);
      const resolved = result.value as unknown as Record<string, unknown>;
      for (const [field, node] of Object.entries(definitions[kind].properties ?? {})) {
        const property = deref(node);
        if (property.default !== undefined) {
          assert.deepEqual(resolved[field], property.default, `${kind}.${field}`);
          compared++;
        }
        for (const [nested, child] of Object.entries(property.properties ?? {})) {
          if (child.default === undefined) continue;
          assert.deepEqual(
            (resolved[field] as Record<string, unknown>)[nested],
            child.default,
            `${kind}.${field}.${nested}`,
          );
          compared++;
        }
      }
    }
    assert.ok(compared > 40, `only ${compared} defaults compared`);
  });
});

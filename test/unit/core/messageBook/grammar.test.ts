/**
 * The TextMate grammar of `.rimessages` files, tokenized by the engine VS Code itself uses (vscode-textmate
 * with the Oniguruma WebAssembly build, both shipped inside the code-server devDependency), with VS Code's
 * own JSON grammar for the embedded bodies: each part of a book gets the scope the theme colours.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../../../..');
const VSCODE = path.join(ROOT, 'node_modules/code-server/lib/vscode');

interface Token {
  startIndex: number;
  endIndex: number;
  scopes: string[];
}
interface Grammar {
  tokenizeLine(line: string, stack: unknown): { tokens: Token[]; ruleStack: unknown };
}

async function loadGrammar(): Promise<{ grammar: Grammar; initial: unknown }> {
  const textmate = require(path.join(VSCODE, 'node_modules/vscode-textmate/release/main.js'));
  const oniguruma = require(path.join(VSCODE, 'node_modules/vscode-oniguruma/release/main.js'));
  const wasm = readFileSync(path.join(VSCODE, 'node_modules/vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const files: Record<string, string> = {
    'source.realtime-messages': path.join(ROOT, 'syntaxes/realtime-messages.tmLanguage.json'),
    'source.json': path.join(VSCODE, 'extensions/json/syntaxes/JSON.tmLanguage.json'),
  };
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scope: string) =>
      files[scope] ? textmate.parseRawGrammar(readFileSync(files[scope], 'utf8'), files[scope]) : null,
  });
  return { grammar: await registry.loadGrammar('source.realtime-messages'), initial: textmate.INITIAL };
}

/** Each token of each line as `text → its innermost scope`. */
function tokenize(grammar: Grammar, initial: unknown, text: string): string[][] {
  let stack = initial;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return result.tokens
      .filter((t) => line.slice(t.startIndex, t.endIndex).trim() !== '')
      .map((t) => `${line.slice(t.startIndex, t.endIndex)} → ${t.scopes[t.scopes.length - 1]}`);
  });
}

describe('the realtime-messages TextMate grammar', function () {
  this.timeout(20000);
  let loaded: { grammar: Grammar; initial: unknown };
  before(async () => {
    loaded = await loadGrammar();
  });

  it('scopes separators, titles, comments, variables and placeholders', () => {
    const lines = tokenize(
      loaded.grammar,
      loaded.initial,
      '# note\n@who = ${env:USER}\n### Say hi\ntext\nhi {{who}} \\{{x}}',
    );
    assert.deepEqual(lines, [
      ['# → punctuation.definition.comment.realtime-messages', ' note → comment.line.number-sign.realtime-messages'],
      [
        '@ → punctuation.definition.variable.realtime-messages',
        'who → variable.other.definition.realtime-messages',
        '= → keyword.operator.assignment.realtime-messages',
        '${ → punctuation.definition.placeholder.begin.realtime-messages',
        'env → support.type.placeholder-source.realtime-messages',
        ': → punctuation.separator.realtime-messages',
        'USER → variable.other.constant.realtime-messages',
        '} → punctuation.definition.placeholder.end.realtime-messages',
      ],
      ['### → punctuation.separator.entry.realtime-messages', ' Say hi → markup.heading.realtime-messages'],
      ['text → keyword.other.kind.text.realtime-messages'],
      [
        'hi  → string.unquoted.message.realtime-messages',
        '{{ → punctuation.definition.placeholder.begin.realtime-messages',
        'who → variable.other.readwrite.realtime-messages',
        '}} → punctuation.definition.placeholder.end.realtime-messages',
        '\\{{ → constant.character.escape.realtime-messages',
        'x}} → string.unquoted.message.realtime-messages',
      ],
    ]);
  });

  it('embeds JSON in json and emit bodies, with placeholders inside its strings, up to the next separator', () => {
    const lines = tokenize(
      loaded.grammar,
      loaded.initial,
      'emit "chat message" ack in /room\n{"n": "{{who}}"}\n###\nping',
    );
    assert.deepEqual(lines[0], [
      'emit → keyword.other.kind.emit.realtime-messages',
      '"chat message" → entity.name.function.event.realtime-messages',
      'ack → keyword.other.ack.realtime-messages',
      'in → keyword.other.in.realtime-messages',
      '/room → entity.name.namespace.realtime-messages',
    ]);
    assert.ok(lines[1].includes('{ → punctuation.definition.dictionary.begin.json'), lines[1].join('\n'));
    assert.ok(lines[1].includes('who → variable.other.readwrite.realtime-messages'), lines[1].join('\n'));
    assert.deepEqual(lines[2], ['### → punctuation.separator.entry.realtime-messages']);
    assert.deepEqual(lines[3], ['ping → keyword.other.kind.ping.realtime-messages']);
  });

  it('gives the one-line kinds their parts', () => {
    const lines = tokenize(loaded.grammar, loaded.initial, 'wait for /a[/]b/i timeout 5s\nclose 4001 bye\ndelay 250ms');
    assert.deepEqual(lines, [
      [
        'wait → keyword.other.kind.wait.realtime-messages',
        'for → keyword.other.for.realtime-messages',
        '/a[/]b/i → string.regexp.realtime-messages',
        'timeout → keyword.other.timeout.realtime-messages',
        '5 → constant.numeric.duration.realtime-messages',
        's → keyword.other.unit.realtime-messages',
      ],
      [
        'close → keyword.other.kind.close.realtime-messages',
        '4001 → constant.numeric.close-code.realtime-messages',
        'bye → string.unquoted.value.realtime-messages',
      ],
      [
        'delay → keyword.other.kind.delay.realtime-messages',
        '250 → constant.numeric.duration.realtime-messages',
        'ms → keyword.other.unit.realtime-messages',
      ],
    ]);
  });
});

/**
 * The lint rules of eslint.config.mjs fire (issue #8): each area's import boundary, the 120-column width and the
 * size limits. Small snippets are linted in memory under a path of the area they pretend to live in, through the
 * ESLint Node API with the repository's own config, so the test proves the config, not a copy of it. Every
 * refusal is checked by rule id; every "passes" case must produce no message at all (so a clean snippet is clean).
 */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { ESLint, type Linter } from 'eslint';

const repoRoot = join(__dirname, '../../..');

describe('lint: import boundaries, width and size (eslint.config.mjs)', () => {
  let eslint: ESLint;

  before(() => {
    eslint = new ESLint({ cwd: repoRoot });
  });

  /** Lints `code` as if it were the file `filePath` (relative to the repository root). */
  async function lint(filePath: string, code: string): Promise<Linter.LintMessage[]> {
    const [result] = await eslint.lintText(code, { filePath: join(repoRoot, filePath) });
    const fatal = result.messages.find((m) => m.fatal);
    assert.equal(fatal, undefined, `the snippet does not parse: ${fatal?.message}`);
    return result.messages;
  }

  async function assertRefused(filePath: string, code: string, ruleId: string, messagePart?: RegExp): Promise<void> {
    const messages = await lint(filePath, code);
    const hits = messages.filter((m) => m.ruleId === ruleId);
    assert.equal(hits.length, 1, `${filePath}: expected one ${ruleId}, got ${JSON.stringify(messages)}`);
    if (messagePart) assert.match(hits[0].message, messagePart);
  }

  async function assertPasses(filePath: string, code: string): Promise<void> {
    assert.deepEqual(await lint(filePath, code), [], `${filePath} should lint clean`);
  }

  const IMPORTS = 'no-restricted-imports';

  /** `import { x } from '<source>'` plus a use, so nothing but the import itself can be reported. */
  const valueImport = (source: string): string => `import { x } from '${source}';\nexport const y = x;\n`;
  const namespaceImport = (source: string): string => `import * as x from '${source}';\nexport const y = x;\n`;

  describe('src/webview may import only src/shared', () => {
    it('refuses a value import of src/core', async () => {
      const code = "import { isErrorEvent } from '../core/events/logEvent';\nexport const f = isErrorEvent;\n";
      await assertRefused('src/webview/eventTable.ts', code, IMPORTS, /only src\/shared/);
    });

    it('refuses even a type import of src/core', async () => {
      const code = "import type { LogEvent } from '../core/events/logEvent';\nexport type Row = LogEvent;\n";
      await assertRefused('src/webview/eventTable.ts', code, IMPORTS, /not even types/);
    });

    it('refuses src/host, `vscode` and Node built-ins (bare and node:)', async () => {
      await assertRefused('src/webview/app.ts', valueImport('../host/outputLog'), IMPORTS);
      await assertRefused('src/webview/app.ts', namespaceImport('vscode'), IMPORTS);
      await assertRefused('src/webview/app.ts', valueImport('buffer'), IMPORTS, /no Node built-ins/);
      await assertRefused('src/webview/app.ts', valueImport('node:crypto'), IMPORTS, /no Node built-ins/);
    });

    it('accepts src/shared', async () => {
      const typeImport = "import type { EventRowDto } from '../shared/dto';\nexport type R = EventRowDto;\n";
      await assertPasses('src/webview/eventTable.ts', typeImport);
      await assertPasses('src/webview/eventTable.ts', valueImport('../shared/dto'));
      await assertPasses('src/webview/sub/deep.ts', valueImport('../../shared/protocol'));
    });
  });

  describe('src/core imports nothing of ours and not `vscode`', () => {
    it('refuses `vscode`', async () => {
      await assertRefused('src/core/session/session.ts', namespaceImport('vscode'), IMPORTS, /Only src\/host/);
    });

    it('refuses src/shared, even as a type, even as a re-export', async () => {
      const typeImport = "import type { SessionInfoDto } from '../../shared/dto';\nexport type S = SessionInfoDto;\n";
      await assertRefused('src/core/view/sessionProjection.ts', typeImport, IMPORTS, /not src\/shared/);
      await assertRefused('src/core/disposable.ts', "export * from '../shared/disposable';\n", IMPORTS);
    });

    it('refuses src/host and src/webview; accepts core and Node', async () => {
      await assertRefused('src/core/errors.ts', valueImport('../host/outputLog'), IMPORTS);
      await assertRefused('src/core/errors.ts', valueImport('../webview/dom'), IMPORTS);
      await assertPasses('src/core/session/session.ts', valueImport('node:crypto'));
      await assertPasses('src/core/session/session.ts', valueImport('../events/logEvent'));
    });
  });

  describe('src/shared uses src/core for types only', () => {
    it('accepts `import type` and `export type` from core', async () => {
      const code = "import type { SendRequest } from '../core/session/sendRequest';\nexport type Sent = SendRequest;\n";
      await assertPasses('src/shared/protocol.ts', code);
      await assertPasses('src/shared/dto.ts', "export type { LogEvent } from '../core/events/logEvent';\n");
    });

    it('refuses a value import from core', async () => {
      const code = "import { SendRequest } from '../core/session/sendRequest';\nexport const s = SendRequest;\n";
      await assertRefused('src/shared/protocol.ts', code, IMPORTS, /types only/);
    });

    it('refuses `vscode`, Node built-ins, src/host and src/webview', async () => {
      await assertRefused('src/shared/dto.ts', namespaceImport('vscode'), IMPORTS);
      await assertRefused('src/shared/dto.ts', namespaceImport('path'), IMPORTS, /no Node built-ins/);
      await assertRefused('src/shared/dto.ts', valueImport('node:fs'), IMPORTS, /no Node built-ins/);
      await assertRefused('src/shared/dto.ts', valueImport('../host/settings'), IMPORTS);
      await assertRefused('src/shared/dto.ts', valueImport('../webview/dom'), IMPORTS);
    });
  });

  describe('src/host does not import src/webview', () => {
    it('refuses src/webview, accepts vscode, core and shared', async () => {
      const code = valueImport('../../webview/dom');
      await assertRefused('src/host/panel/panelController.ts', code, IMPORTS, /must not import src\/webview/);
      const fine = [
        "import * as vscode from 'vscode';",
        "import { x } from '../../core/errors';",
        "import type { EventRowDto } from '../../shared/dto';",
        'export const y: [typeof vscode, typeof x, EventRowDto?] = [vscode, x];',
        '',
      ].join('\n');
      await assertPasses('src/host/panel/panelController.ts', fine);
    });
  });

  describe('line width: 120 columns in src, test and scripts', () => {
    /** `export const s = '…';` padded to exactly `width` characters. */
    const lineOf = (width: number): string => {
      const padding = 'x'.repeat(width - "export const s = '';".length);
      return `export const s = '${padding}';\n`;
    };

    for (const filePath of ['src/core/errors.ts', 'test/unit/core/errors.test.ts', 'scripts/build.mjs']) {
      it(`${filePath}: a 121-character line is refused, 120 passes`, async () => {
        assert.equal(lineOf(121).length, 122); // 121 characters and the newline
        await assertRefused(filePath, lineOf(121), 'max-len');
        await assertPasses(filePath, lineOf(120));
      });
    }
  });

  describe('size in src: 60 lines per function, 300 lines per file', () => {
    /** A function `lines` lines long, header and closing brace included. */
    const functionOf = (lines: number): string => {
      const body = Array.from({ length: lines - 4 }, (_, i) => `  total += ${i};`);
      return ['export function long(): number {', '  let total = 0;', ...body, '  return total;', '}', ''].join('\n');
    };

    it('a 61-line function is refused, 60 passes', async () => {
      assert.equal(functionOf(61).trimEnd().split('\n').length, 61);
      await assertRefused('src/core/websocket/frameParser.ts', functionOf(61), 'max-lines-per-function');
      await assertPasses('src/core/websocket/frameParser.ts', functionOf(60));
    });

    it('blank lines and comments do not count', async () => {
      const padded = functionOf(60).replace('  let total = 0;', '  let total = 0;\n\n  // why\n  /* and why */\n');
      await assertPasses('src/webview/app.ts', padded);
    });

    it('a 301-line file is refused', async () => {
      const code = Array.from({ length: 301 }, (_, i) => `export const c${i} = ${i};`).join('\n') + '\n';
      await assertRefused('src/host/extension.ts', code, 'max-lines');
    });

    it('tests are not held to the function size (a describe callback is long by design)', async () => {
      await assertPasses('test/unit/core/errors.test.ts', functionOf(80));
    });
  });
});

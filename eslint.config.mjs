// ESLint flat config (issue #8: "Boundaries enforced, not hoped for").
//
// What it is for, in order: (1) the import boundaries between src/core, src/shared, src/host and src/webview,
// which a reviewer alone will not keep; (2) size limits that keep files and functions readable; (3) the
// 120-column line width that Prettier cannot enforce on strings and comments; (4) typescript-eslint's
// `recommended` set. Formatting itself is Prettier's job (.prettierrc.json), not ESLint's.
//
// typescript-eslint's *non* type-checked `recommended` on purpose: the type-checked sets build a TypeScript
// program per tsconfig and would make `npm run lint` slow on the 2-core CI runner; `npm run typecheck` already
// covers the type side.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

// ---------------------------------------------------------------------------------------------------------------
// Import boundaries
// ---------------------------------------------------------------------------------------------------------------
// The rule is ESLint's own `no-restricted-imports`, not `@typescript-eslint/no-restricted-imports`: the latter is
// deprecated since typescript-eslint 8.64 because the core rule now understands TypeScript (`import type`,
// `export type`, `import x = require()`) and `allowTypeImports`. It checks static imports and re-exports; a
// dynamic `import()` is not seen (the per-area tsconfig `types` still catch a `vscode` one), and `require()` in
// TypeScript is refused by `@typescript-eslint/no-require-imports` from `recommended`.
//
// Areas are matched with regexes over *relative* specifiers: "starts with ./ or ../ and has a path segment
// named exactly <area>". Globs such as `**/shared/*` were checked and rejected: they miss a bare folder import
// (`../shared`) and they also match package paths (`@scope/shared/x`, `lit/.../core/...`) that are not ours.
/** A relative import that reaches into the folder `area` (e.g. `../../shared/dto`, `../core`, `./../host/x`). */
const intoArea = (area) => `^\\.{1,2}/(?:.*/)?${area}(?:/|$)`;

const VSCODE = {
  name: 'vscode',
  message: 'Only src/host may import `vscode`: core, shared and webview must run without VS Code.',
};

/** Every Node built-in by its bare name (`fs`, `path`, `crypto`, `buffer`, `fs/promises`…): the exact list of
 *  the Node running ESLint, so nothing is guessed and nothing needs a dependency. `node:*` is a pattern below. */
const nodeBuiltinPaths = (why) =>
  builtinModules
    .filter((name) => !name.startsWith('_') && !name.startsWith('node:'))
    .map((name) => ({ name, message: `${why}: no Node built-ins (\`${name}\`).` }));
const nodePrefixPattern = (why) => ({ regex: '^node:', message: `${why}: no Node built-ins (\`node:*\`).` });
const SHARED_IN_BROWSER = 'src/shared is bundled into the webview, which runs in a browser';
const WEBVIEW_IN_BROWSER = 'src/webview runs in a browser';

/** One `no-restricted-imports` setting per area. Flat config does not merge rule options across config
 *  objects (a later one replaces the earlier), so each area states its whole list here and nowhere else. */
const boundaries = {
  'src/core/**': {
    paths: [VSCODE],
    patterns: [
      {
        regex: intoArea('shared'),
        message:
          'src/core imports nothing of ours: not src/shared (shared derives its DTOs from core, not the reverse).',
      },
      {
        regex: intoArea('host'),
        message: 'src/core imports nothing of ours: not src/host (the host depends on core).',
      },
      { regex: intoArea('webview'), message: 'src/core imports nothing of ours: not src/webview.' },
    ],
  },
  'src/shared/**': {
    paths: [VSCODE, ...nodeBuiltinPaths(SHARED_IN_BROWSER)],
    patterns: [
      nodePrefixPattern(SHARED_IN_BROWSER),
      {
        regex: intoArea('core'),
        // A type import is erased at build time, so it adds no code from core to the webview bundle.
        allowTypeImports: true,
        message: 'src/shared may use src/core for types only: write `import type { … }` (no core code at run time).',
      },
      { regex: intoArea('host'), message: 'src/shared is imported by the webview: it must not import src/host.' },
      { regex: intoArea('webview'), message: 'src/shared must not import src/webview: the webview imports shared.' },
    ],
  },
  'src/webview/**': {
    paths: [VSCODE, ...nodeBuiltinPaths(WEBVIEW_IN_BROWSER)],
    patterns: [
      nodePrefixPattern(WEBVIEW_IN_BROWSER),
      // No allowTypeImports here: the webview sees only the DTOs of src/shared, not core's types.
      { regex: intoArea('core'), message: 'src/webview may import only src/shared: not src/core, not even types.' },
      { regex: intoArea('host'), message: 'src/webview may import only src/shared: not src/host.' },
    ],
  },
  'src/host/**': {
    paths: [],
    patterns: [
      {
        regex: intoArea('webview'),
        message: 'src/host must not import src/webview: they talk only through the messages of src/shared.',
      },
    ],
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Line width
// ---------------------------------------------------------------------------------------------------------------
// ESLint 10.15 still ships the core `max-len` (deprecated since 8.53, "available until 11.0.0"), so it is used
// as is. When ESLint 11 removes it, replace it with a 10-line local rule that walks `sourceCode.lines` (no new
// dependency). No ignore options: a long URL or string gets a `// eslint-disable-next-line max-len` and a reason.
const MAX_LEN = ['error', { code: 120, tabWidth: 2 }];

export default defineConfig([
  // Build outputs and artefacts are never linted.
  globalIgnores([
    'dist/',
    'out/',
    'coverage/',
    'node_modules/',
    'test-results/',
    '.vscode-test/',
    '.vscode-test-web/',
    '**/*.vsix',
  ]),

  js.configs.recommended,
  tseslint.configs.recommended,

  // Plain JS (scripts/*.mjs, test/harness/code-shim.mjs) runs on Node: its globals are those of the Node that
  // runs ESLint (TypeScript files need none: typescript-eslint turns `no-undef` off, tsc checks names instead).
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: {
      globals: Object.fromEntries(Object.getOwnPropertyNames(globalThis).map((name) => [name, 'readonly'])),
    },
  },

  {
    rules: {
      // Kept, with the usual escape hatch: a `_`-prefixed parameter, caught error or array hole is meant unused
      // (callbacks with a fixed signature). `ignoreRestSiblings`: `const { secret, ...rest } = x` is how the
      // redaction code drops a field.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },

  // `require()` stays refused in src/** (there it would also dodge the import boundaries). Tests, fixtures and the
  // demo use it on purpose: to pick one of several server versions at run time (`sio2`, `sio3`, `eio3` are npm
  // aliases without types), for the untyped `socket.io-msgpack-parser`, and in test/support/resultReporter.ts,
  // whose `import x = require()` + `export =` is what mocha's reporter loader and esbuild need.
  {
    files: ['test/**', 'demo/**'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  // Boundaries, one config object per area.
  ...Object.entries(boundaries).map(([files, options]) => ({
    files: [files],
    rules: { 'no-restricted-imports': ['error', options] },
  })),

  // Size: the house style says files of 50–300 lines and functions readable without scrolling. Only src/**:
  // a test file's `describe` callback is one long function by design.
  {
    files: ['src/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },

  // Width: everything we write by hand.
  {
    files: ['src/**', 'test/**', 'scripts/**', 'demo/**'],
    rules: { 'max-len': MAX_LEN },
  },
]);

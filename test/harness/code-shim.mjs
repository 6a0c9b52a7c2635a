#!/usr/bin/env node
// Executable entry for @vscode/test-electron's `vscodeExecutablePath` (it spawns this file directly,
// so it must be plain JS with a shebang). Loads the TypeScript shim through tsx; see codeShim.ts.
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';

register();
createRequire(import.meta.url)('./codeShim.ts');

/**
 * Reads the command line `@vscode/test-electron` gives to an Electron VS Code:
 *   [launchArgs…] --no-sandbox … --extensionTestsPath=X --extensionDevelopmentPath=Y [--user-data-dir=U] [folder]
 */
import type { PayloadEntry } from './workbenchUrl';

export interface ShimArguments {
  extensionTestsPath?: string;
  extensionDevelopmentPath: string[];
  userDataDir?: string;
  extensionsDir?: string;
  /** The folder or .code-workspace to open (the last positional argument). */
  target?: string;
  /** Flags that have a web-workbench payload equivalent. */
  extraPayload: PayloadEntry[];
}

/** Flags that take a value when written as `--flag value` rather than `--flag=value`. */
const FLAGS_WITH_VALUE = new Set([
  'extensionTestsPath',
  'extensionDevelopmentPath',
  'user-data-dir',
  'extensions-dir',
  'log',
  'locale',
]);

/** Parses argv (without node and script). Electron-only flags (--no-sandbox, --disable-gpu-sandbox, …) are ignored. */
export function parseShimArguments(argv: readonly string[]): ShimArguments {
  const parsed: ShimArguments = { extensionDevelopmentPath: [], extraPayload: [] };
  for (let i = 0; i < argv.length; i++) {
    const match = /^--([^=]+)(?:=(.*))?$/s.exec(argv[i]);
    if (!match) {
      parsed.target = argv[i];
      continue;
    }
    const flag = match[1];
    const value = match[2] ?? (FLAGS_WITH_VALUE.has(flag) ? argv[++i] : undefined);
    switch (flag) {
      case 'extensionTestsPath':
        parsed.extensionTestsPath = value;
        break;
      case 'extensionDevelopmentPath':
        if (value) parsed.extensionDevelopmentPath.push(value);
        break;
      case 'user-data-dir':
        parsed.userDataDir = value;
        break;
      case 'extensions-dir':
        parsed.extensionsDir = value;
        break;
      case 'disable-extensions':
        parsed.extraPayload.push(['disableExtensions', 'true']);
        break;
      case 'enable-proposed-api':
        parsed.extraPayload.push(['enableProposedApi', '']);
        break;
      case 'log':
        if (value) parsed.extraPayload.push(['logLevel', value]);
        break;
      default:
        break; // Electron-only or already the default in code-server
    }
  }
  return parsed;
}

/**
 * The commands of export and import (issue 10), as package.json contributes them, and the formats. Pure (no
 * vscode): the panel controller names the panel's command from here without importing the feature.
 */

export const EXCHANGE_COMMANDS = {
  /** Export Session as HAR… (`{ sessionId, target, sanitize }` optional, for tests and automation). */
  exportHar: 'realtimeInspector.exportHar',
  /** Export Session as JSON Lines… (the same optional argument). */
  exportJsonl: 'realtimeInspector.exportJsonl',
  /** Import Session (HAR or JSON Lines)… (`{ file }` optional). */
  importSession: 'realtimeInspector.importSession',
  /** The panel's Export… button: asks for the format, then exports (hidden from the palette). */
  exportFromPanel: 'realtimeInspector.exportSession',
} as const;

/** What a session is exported as. */
export type ExchangeFormat = 'har' | 'jsonl';

/** The format's name as the user reads it. */
export const FORMAT_LABELS: Readonly<Record<ExchangeFormat, string>> = {
  har: 'HAR',
  jsonl: 'JSON Lines',
};

/** The file extension each format is saved with. */
export const FORMAT_EXTENSIONS: Readonly<Record<ExchangeFormat, string>> = {
  har: 'har',
  jsonl: 'jsonl',
};

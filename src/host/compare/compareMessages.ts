/**
 * The allowlist for messages from the comparison panel's webview (style.md rule 2): only the three types of
 * `CompareWebviewToHost`, each rebuilt from its known fields, so nothing else the webview posts reaches the
 * host. The webview asks; the host decides what is written and where. Pure (no vscode), never throws.
 */
import type { CompareExportFormat, CompareWebviewToHost } from '../../shared/compareProtocol';

export type CompareMessageResult = { ok: true; value: CompareWebviewToHost } | { ok: false; reason: string };

const FORMATS: readonly CompareExportFormat[] = ['csv', 'json'];

/** Validates one message posted by the comparison webview. */
export function parseCompareMessage(input: unknown): CompareMessageResult {
  try {
    return parse(input);
  } catch {
    // A structured clone has no getters, but be total anyway.
    return { ok: false, reason: 'The message could not be read.' };
  }
}

function parse(input: unknown): CompareMessageResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { ok: false, reason: 'A message must be an object.' };
  const message = input as Record<string, unknown>;
  switch (message.type) {
    case 'compare/ready':
    case 'compare/rerun':
      return { ok: true, value: { type: message.type } };
    case 'compare/export': {
      const format = message.format;
      if (typeof format !== 'string' || !FORMATS.includes(format as CompareExportFormat))
        return { ok: false, reason: 'compare/export: "format" must be "csv" or "json".' };
      return { ok: true, value: { type: 'compare/export', format: format as CompareExportFormat } };
    }
    default:
      return { ok: false, reason: `Unknown message type ${describe(message.type)}.` };
  }
}

/** A value named in a reason: a short string quoted, anything else by its type only. */
function describe(value: unknown): string {
  if (typeof value !== 'string') return `(${value === null ? 'null' : typeof value})`;
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value);
}

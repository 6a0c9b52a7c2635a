/**
 * Renders a stored payload for the details pane: UTF-8 text, pretty JSON and a hex dump, limited to
 * the first DISPLAY_LIMIT_BYTES so a 1 MiB message never crosses into the webview whole. Pure.
 */
import type { PayloadViewDto } from './viewModel';
import type { Payload } from '../events/logEvent';

/** The details pane shows at most this many payload bytes (text, JSON and hex alike). */
export const DISPLAY_LIMIT_BYTES = 64 * 1024;
/** Pretty-printing is attempted only for text up to this size (parse cost, and the pane's size). */
const JSON_LIMIT_BYTES = DISPLAY_LIMIT_BYTES;
const HEX_BYTES_PER_LINE = 16;

/** Every view of a payload, limited to `limit` bytes. */
export function projectPayload(payload: Payload, limit = DISPLAY_LIMIT_BYTES): PayloadViewDto {
  const stored = payload.kind === 'text' ? Buffer.from(payload.text, 'utf8') : payload.bytes;
  const shown = stored.subarray(0, Math.min(stored.length, limit));
  const truncated = shown.length < payload.byteLength;
  const view: PayloadViewDto = {
    binary: payload.kind === 'binary',
    byteLength: payload.byteLength,
    shownBytes: shown.length,
    truncated,
    hex: hexDump(shown),
  };
  if (payload.truncated) view.sha256 = payload.truncated.sha256;
  const text = payload.kind === 'text' ? decodeTextPrefix(shown) : decodeBinaryAsText(shown, truncated);
  if (text !== undefined) {
    view.text = text;
    if (!truncated && shown.length <= JSON_LIMIT_BYTES) {
      const json = prettyJson(text);
      if (json !== undefined) view.json = json;
    }
  }
  return view;
}

/**
 * `hexdump -C` layout: 8-digit hex offset, 16 bytes in two groups of 8, and the printable ASCII
 * column between bars (other bytes shown as `.`).
 */
export function hexDump(bytes: Uint8Array, baseOffset = 0): string {
  const lines: string[] = [];
  for (let start = 0; start < bytes.length; start += HEX_BYTES_PER_LINE) {
    const line = bytes.subarray(start, start + HEX_BYTES_PER_LINE);
    let hex = '';
    let ascii = '';
    for (let i = 0; i < HEX_BYTES_PER_LINE; i++) {
      if (i === 8) hex += ' ';
      if (i < line.length) {
        hex += `${hexByte(line[i])} `;
        ascii += line[i] >= 0x20 && line[i] < 0x7f ? String.fromCharCode(line[i]) : '.';
      } else {
        hex += '   ';
      }
    }
    lines.push(`${(baseOffset + start).toString(16).padStart(8, '0')}  ${hex} |${ascii}|`);
  }
  return lines.join('\n');
}

/** "01 ff 00" for the first `maxBytes` bytes, with "…" when there are more. */
export function hexPreview(bytes: Uint8Array, maxBytes: number, totalLength = bytes.length): string {
  const parts: string[] = [];
  for (let i = 0; i < Math.min(bytes.length, maxBytes); i++) parts.push(hexByte(bytes[i]));
  return parts.join(' ') + (totalLength > maxBytes ? ' …' : '');
}

function hexByte(b: number): string {
  return b.toString(16).padStart(2, '0');
}

/** Text payloads are valid UTF-8 by construction; the cut may end mid-character, so step back to a boundary. */
function decodeTextPrefix(bytes: Uint8Array): string {
  let end = bytes.length;
  if (end > 0 && (bytes[end - 1] & 0x80) !== 0) {
    // Walk back to the lead byte of the last character and drop it if the character is incomplete.
    let lead = end - 1;
    while (lead > 0 && (bytes[lead] & 0xc0) === 0x80) lead--;
    const need = bytes[lead] >= 0xf0 ? 4 : bytes[lead] >= 0xe0 ? 3 : bytes[lead] >= 0xc0 ? 2 : 1;
    if (end - lead < need) end = lead;
  }
  return new TextDecoder('utf-8').decode(bytes.subarray(0, end));
}

/**
 * A binary payload shown as text only when it is valid UTF-8 (fatal decoder) and free of control
 * characters other than tab, CR and LF: many binary formats are accidentally valid UTF-8, and a
 * "text" full of NULs would mislead. When the bytes were cut, a character split at the cut is allowed.
 */
function decodeBinaryAsText(bytes: Uint8Array, cut: boolean): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: cut });
  } catch {
    return undefined;
  }
  // eslint-disable-next-line no-control-regex
  return /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(text) ? undefined : text;
}

/** Pretty JSON (2 spaces) when the text is a JSON object or array; scalars add nothing to the text view. */
function prettyJson(text: string): string | undefined {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return undefined;
  }
}

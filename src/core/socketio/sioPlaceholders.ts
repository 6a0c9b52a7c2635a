/**
 * Checks the attachment placeholders of a BINARY_EVENT/BINARY_ACK. Each `{"_placeholder":true,"num":i}`
 * stands for the i-th binary attachment, so `num` must be an integer from 0 to the announced count − 1.
 * socket.io-parser throws "illegal attachments" otherwise (binary.ts, `_reconstructPacket`) and the
 * client closes the connection; we keep the packet and say exactly what is wrong (issue #7). Pure.
 */

/** A value met on the walk, with how to name its place (`data[1].file`) should it be wrong. */
interface Visit {
  value: unknown;
  key: string;
  parent: Visit | undefined;
}

/** The warning for the first invalid placeholder in `data` (and how many more there are), or undefined. */
export function placeholderProblem(data: unknown, attachments: number): string | undefined {
  let first: string | undefined;
  let invalid = 0;
  const pending: Visit[] = [{ value: data, key: 'data', parent: undefined }];
  for (let visit = pending.pop(); visit; visit = pending.pop()) {
    const v = visit.value;
    if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) continue;
    const o = v as { _placeholder?: unknown; num?: unknown };
    if (o._placeholder === true) {
      const problem = numProblem(o, attachments);
      if (problem) {
        invalid++;
        first ??= `Attachment placeholder at ${pathOf(visit)}: ${problem}.`;
      }
      continue;
    }
    // Pushed in reverse so the first problem reported is the first in document order.
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--)
      pending.push({ value: (v as Record<string, unknown>)[keys[i]], key: keys[i], parent: visit });
  }
  if (!first) return undefined;
  const more = invalid > 1 ? ` ${invalid - 1} more placeholder${invalid === 2 ? ' is' : 's are'} invalid too.` : '';
  return `${first}${more} socket.io-client would reject this packet ("illegal attachments") and close the connection.`;
}

/** What is wrong with a placeholder's `num`, in words, or undefined when it is a valid index. */
function numProblem(placeholder: { num?: unknown }, attachments: number): string | undefined {
  if (!('num' in placeholder)) return 'it has no num';
  const num = placeholder.num;
  if (typeof num === 'string') return `num ${JSON.stringify(clip(num))} is a string, not an attachment index`;
  if (typeof num !== 'number') return `num ${kindOf(num)} is not a number`;
  if (!Number.isInteger(num)) return `num ${num} is not an integer`;
  if (num < 0) return `num ${num} is negative`;
  if (num >= attachments) return `num ${num} is out of range: the packet announces ${announced(attachments)}`;
  return undefined;
}

function announced(count: number): string {
  if (count === 0) return 'no attachments';
  return count === 1 ? '1 attachment (index 0)' : `${count} attachments (indexes 0 to ${count - 1})`;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : String(value);
}

/** `data[1].file`, `data[0]["odd key"]`: where a value sits, clipped for the row. */
function pathOf(visit: Visit): string {
  const parts: string[] = [];
  for (let at: Visit | undefined = visit; at?.parent; at = at.parent) {
    const key = at.key;
    parts.push(
      Array.isArray(at.parent.value)
        ? `[${key}]`
        : /^[A-Za-z_$][\w$]*$/.test(key)
          ? `.${key}`
          : `[${JSON.stringify(clip(key))}]`,
    );
  }
  return clip(`data${parts.reverse().join('')}`);
}

/** Server-chosen text shown on a row is cut to this many characters. */
const MAX_SHOWN_CHARS = 80;

function clip(text: string): string {
  return text.length > MAX_SHOWN_CHARS ? `${text.slice(0, MAX_SHOWN_CHARS)}…` : text;
}

/**
 * One iterative walk over Socket.IO data, for every transformation that used to recurse (attachment
 * placeholders, `$binary` markers): depth costs heap, not stack, so no nesting can make it throw.
 */

/** What a visitor returns to keep the value and walk into it, instead of replacing it. */
export const DESCEND: unique symbol = Symbol('descend');

/** An array or plain object being copied: `keys[next]` is the next child to place. */
interface Frame {
  source: Record<string, unknown>;
  target: Record<string, unknown>;
  keys: string[];
  next: number;
}

/**
 * Copies `root` (arrays and plain objects; anything else is a leaf), offering every value to `visit`
 * first, in document order (depth first, parents before children). `visit` returns a replacement,
 * or DESCEND to keep the value. The input is never modified.
 */
export function mapData(root: unknown, visit: (value: unknown) => unknown): unknown {
  const frames: Frame[] = [];
  const place = (value: unknown): unknown => {
    const replaced = visit(value);
    if (replaced !== DESCEND) return replaced;
    if (!isContainer(value)) return value;
    const target: Record<string, unknown> = Array.isArray(value)
      ? (new Array(value.length) as unknown as Record<string, unknown>)
      : {};
    frames.push({ source: value, target, keys: Object.keys(value), next: 0 });
    return target;
  };
  const out = place(root);
  while (frames.length) {
    const frame = frames[frames.length - 1];
    if (frame.next === frame.keys.length) {
      frames.pop();
      continue;
    }
    const key = frame.keys[frame.next++];
    const child = place(frame.source[key]);
    // defineProperty, not assignment: a JSON key "__proto__" must stay data, not set a prototype.
    Object.defineProperty(frame.target, key, { value: child, writable: true, enumerable: true, configurable: true });
  }
  return out;
}

function isContainer(value: unknown): value is Record<string, unknown> {
  if (Array.isArray(value)) return true;
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * A structural pre-check of a msgpack message, before @msgpack/msgpack decodes it. That decoder is
 * iterative (no stack overflow) but trusts the counts in headers — it allocates `new Array(n)` for
 * each array header, so 20 KB of nested `array16` headers kept it allocating for minutes — and it has
 * no depth limit (issue #7). This scan reads the headers only, iteratively, and refuses a message that
 * nests deeper than the packet map plus MAX_DATA_DEPTH levels, or declares more elements than it has
 * bytes (each element takes at least one). Truncated or malformed messages pass: the decoder reports
 * those itself. Pure.
 */
import { MAX_DATA_DEPTH, tooDeepMessage } from './sioDataDepth';

/** Single-byte types of a fixed total size (nil, booleans, numbers, fixext). */
const FIXED_SIZES: Readonly<Record<number, number>> = {
  0xc0: 1,
  0xc2: 1,
  0xc3: 1,
  0xca: 5,
  0xcb: 9,
  0xcc: 2,
  0xcd: 3,
  0xce: 5,
  0xcf: 9,
  0xd0: 2,
  0xd1: 3,
  0xd2: 5,
  0xd3: 9,
  0xd4: 3,
  0xd5: 4,
  0xd6: 6,
  0xd7: 10,
  0xd8: 18,
};

/**
 * Types with a length or count after the type byte: [bytes of the length, bytes before the payload,
 * children per counted unit (0 for payload bytes)]. bin/str/ext, then array16/32 and map16/32.
 */
const COUNTED: Readonly<Record<number, readonly [number, number, number]>> = {
  0xc4: [1, 2, 0],
  0xc5: [2, 3, 0],
  0xc6: [4, 5, 0], // bin8/16/32
  0xd9: [1, 2, 0],
  0xda: [2, 3, 0],
  0xdb: [4, 5, 0], // str8/16/32
  0xc7: [1, 3, 0],
  0xc8: [2, 4, 0],
  0xc9: [4, 6, 0], // ext8/16/32: length, type, data
  0xdc: [2, 3, 1],
  0xdd: [4, 5, 1], // array16/32
  0xde: [2, 3, 2],
  0xdf: [4, 5, 2], // map16/32: a key and a value per entry
};

/** How far the value at `pos` reaches and how many elements it opens; undefined when the header is cut or unknown. */
function readHead(view: DataView, pos: number): { skip: number; children: number } | undefined {
  const b = view.getUint8(pos);
  if (b <= 0x7f || b >= 0xe0) return { skip: 1, children: 0 }; // positive / negative fixint
  if (b <= 0x8f) return { skip: 1, children: 2 * (b & 0x0f) }; // fixmap
  if (b <= 0x9f) return { skip: 1, children: b & 0x0f }; // fixarray
  if (b <= 0xbf) return { skip: 1 + (b & 0x1f), children: 0 }; // fixstr
  if (FIXED_SIZES[b] !== undefined) return { skip: FIXED_SIZES[b], children: 0 };
  const counted = COUNTED[b];
  if (!counted) return undefined; // 0xc1 is never used
  const [lengthBytes, headerBytes, perUnit] = counted;
  if (pos + 1 + lengthBytes > view.byteLength) return undefined;
  const n =
    lengthBytes === 1 ? view.getUint8(pos + 1) : lengthBytes === 2 ? view.getUint16(pos + 1) : view.getUint32(pos + 1);
  return perUnit ? { skip: headerBytes, children: n * perUnit } : { skip: headerBytes + n, children: 0 };
}

/** Why `bytes` must not reach the decoder, or undefined when it may be decoded. */
export function msgpackStructureProblem(bytes: Uint8Array): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  /** Elements still expected by each open array or map, innermost last. */
  const open: number[] = [];
  let declared = 0;
  for (let pos = 0; pos < bytes.length;) {
    const head = readHead(view, pos);
    if (!head) return undefined;
    pos += head.skip;
    if (head.children > 0) {
      declared += head.children;
      if (declared > bytes.length)
        return `The msgpack packet declares ${declared} or more elements in ${bytes.length} bytes; it is not decoded.`;
      open.push(head.children);
      // The packet map is one level above its data.
      if (open.length > MAX_DATA_DEPTH + 1) return tooDeepMessage('The msgpack packet');
      continue;
    }
    // A value is complete: count it off its container, and off every container that completes in turn.
    while (open.length && --open[open.length - 1] === 0) open.pop();
    if (!open.length) return undefined;
  }
  return undefined;
}

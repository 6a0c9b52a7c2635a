/**
 * How a credential looks once masked: `••••` plus at most its last 4 characters, and those only when the
 * value is long enough that 4 characters give nothing useful away (issue #7).
 */

export const MASK = '••••';
/** Values shorter than this are masked whole: the last 4 of an 8-character password are half of it. */
const SHOW_TAIL_FROM_CHARS = 16;

/** `••••` + the last 4 characters of a long value, `••••` alone for a short one. */
export function maskSecret(value: string): string {
  if (value.length < SHOW_TAIL_FROM_CHARS) return MASK;
  const tail = Array.from(value).slice(-4).join('');
  return `${MASK}${tail}`;
}

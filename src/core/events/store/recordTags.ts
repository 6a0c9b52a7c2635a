/**
 * The tags and word codes of the record format (recordCodec.ts reads it, recordWriter.ts writes it): a value
 * is a tag byte and its body, and the most frequent keys and strings take one byte.
 */
import { codesOf, DICTIONARY_KEYS, DICTIONARY_VALUES } from './codecDictionary';

export const enum Tag {
  Undefined = 0,
  Null = 1,
  False = 2,
  True = 3,
  Float = 4,
  Uint = 5,
  NegativeInt = 6,
  String = 7,
  /** A word of DICTIONARY_VALUES beyond the first WORD_TAGS, by its code. */
  Word = 8,
  Array = 9,
  Object = 10,
  Uint8Array = 11,
  Buffer = 12,
  /** Tags from here are the first WORD_TAGS words of DICTIONARY_VALUES themselves (one byte for `in`, `ws`…). */
  FirstWord = 0x10,
  /** Tags from here up are the integers 0 … 255 - SmallInt themselves. */
  SmallInt = 0x50,
}

export const WORD_TAGS = Tag.SmallInt - Tag.FirstWord;
export const SMALL_INT_MAX = 0xff - Tag.SmallInt;
export const MAX_DEPTH = 32;
/** Room left before a record for its length (a varint of at most 5 bytes: records stay below 32 GiB). */
export const LENGTH_ROOM = 5;

export const KEY_CODES = codesOf(DICTIONARY_KEYS);
export const VALUE_CODES = codesOf(DICTIONARY_VALUES);
export const LONGEST_WORD = Math.max(...DICTIONARY_VALUES.map((word) => word.length));

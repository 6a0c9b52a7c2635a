/**
 * Edits of a profile file's text with jsonc-parser's modify/applyEdits, so comments, formatting and fields
 * this version does not know survive everywhere the edit does not reach. An update changes only the
 * properties that differ (recursively), so comments inside a profile survive too. Pure: text in, text out.
 */
import {
  applyEdits,
  findNodeAtLocation,
  getNodeValue,
  modify,
  parseTree,
  type FormattingOptions,
  type JSONPath,
} from 'jsonc-parser';
import { isJsonObject, jsonEqual } from './jsonPath';
import { PROFILE_FIELDS, PROFILE_FILE_VERSION, type Profile } from './profileModel';

/** The text of a new profile file. */
export function newProfileFileText(schemaUrl: string | undefined, eol = '\n'): string {
  const skeleton = schemaUrl === undefined ? {} : { $schema: schemaUrl };
  const text = JSON.stringify({ ...skeleton, version: PROFILE_FILE_VERSION, profiles: [] }, undefined, 2);
  return `${text.replace(/\n/g, eol)}${eol}`;
}

/** The file's own indentation and line ends (two spaces and LF when it shows none). */
export function detectFormat(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /^([ \t]+)\S/m.exec(text)?.[1];
  if (indent?.startsWith('\t')) return { insertSpaces: false, tabSize: 4, eol };
  return { insertSpaces: true, tabSize: indent ? Math.min(Math.max(indent.length, 1), 8) : 2, eol };
}

/** The profile as written to a file: fields in the usual order, absent ones left out. */
export function profileForFile(profile: Profile): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of PROFILE_FIELDS) if (profile[key] !== undefined) out[key] = profile[key];
  return out;
}

/** Appends `profile` to the file's `profiles` (after `afterIndex` when given). */
export function insertProfile(text: string, profile: Profile, afterIndex?: number): string {
  const value = profileForFile(profile);
  const hasList = findNodeAtLocation(parseTree(text) ?? emptyRoot(), ['profiles'])?.type === 'array';
  if (!hasList) return edit(text, ['profiles'], [value]);
  if (afterIndex === undefined) return edit(text, ['profiles', -1], value);
  return edit(text, ['profiles', afterIndex + 1], value, true);
}

/** Removes the profile at `index`. */
export function removeProfile(text: string, index: number): string {
  return edit(text, ['profiles', index], undefined);
}

/** Gives the profiles at these indexes these ids (an id missing is inserted as the first field). */
export function writeIds(text: string, ids: ReadonlyMap<number, string>): string {
  let out = text;
  for (const [index, id] of ids) out = edit(out, ['profiles', index, 'id'], id, false, () => 0);
  return out;
}

/** Makes the profile at `index` equal to `profile`, touching only what differs; unknown fields stay. */
export function replaceProfile(text: string, index: number, profile: Profile): string {
  const node = findNodeAtLocation(parseTree(text) ?? emptyRoot(), ['profiles', index]);
  const before: unknown = node ? getNodeValue(node) : undefined;
  const after = profileForFile(profile);
  if (!isJsonObject(before)) return edit(text, ['profiles', index], after);
  let out = text;
  for (const key of PROFILE_FIELDS) out = editValue(out, ['profiles', index, key], before[key], after[key]);
  return out;
}

/** Edits `path` from `before` to `after`: objects key by key, lists of one length item by item. */
function editValue(text: string, path: JSONPath, before: unknown, after: unknown): string {
  if (jsonEqual(before, after)) return text;
  if (after === undefined) return before === undefined ? text : edit(text, path, undefined);
  if (isJsonObject(before) && isJsonObject(after)) {
    let out = text;
    for (const key of Object.keys(before)) if (!Object.hasOwn(after, key)) out = edit(out, [...path, key], undefined);
    for (const [key, value] of Object.entries(after)) out = editValue(out, [...path, key], before[key], value);
    return out;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    let out = text;
    after.forEach((value: unknown, i) => {
      out = editValue(out, [...path, i], before[i], value);
    });
    return out;
  }
  return edit(text, path, after);
}

function edit(
  text: string,
  path: JSONPath,
  value: unknown,
  isArrayInsertion = false,
  getInsertionIndex?: (properties: string[]) => number,
): string {
  const formattingOptions = detectFormat(text);
  return applyEdits(text, modify(text, path, value, { formattingOptions, isArrayInsertion, getInsertionIndex }));
}

function emptyRoot(): NonNullable<ReturnType<typeof parseTree>> {
  return { type: 'object', offset: 0, length: 0, children: [] };
}

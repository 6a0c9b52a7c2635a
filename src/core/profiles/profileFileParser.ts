/**
 * Reads a profile file (`.vscode/realtime-inspector.json`, or the user's own): JSON with comments and
 * trailing commas, `{ "$schema"?, "version": 1, "variables"?: { name: value }, "profiles": [ … ] }`.
 * Every problem becomes an issue with its JSON path and its range in the file. A profile with an error (bad
 * shape, or a syntax error inside it) is skipped while the others load; a syntax error anywhere else makes
 * the file unreadable: one issue at its position, no profiles. Pure; never throws.
 */
import { findNodeAtLocation, getNodeValue, parseTree, type Node, type ParseError } from 'jsonc-parser';
import { formatJsonPath, isJsonObject, type JsonSegment } from './jsonPath';
import {
  PROFILE_FILE_VERSION,
  type IssueSeverity,
  type Profile,
  type ProfileFileSnapshot,
  type ProfileIssue,
} from './profileModel';
import { checkProfile } from './profileShape';
import type { ShapeIssue } from './shapeIssues';
import { createTextLocator, nodeForPath, syntaxErrorMessage, type TextLocator } from './textLocations';
import { VARIABLE_NAME } from './variableSyntax';

const ROOT_FIELDS = ['$schema', 'version', 'variables', 'profiles'];
/** Prefix of the id a profile gets while its file has none for it (never written to the file). */
const PROVISIONAL_ID_PREFIX = 'unsaved:';

/** Whether `id` was given by the parser to a profile without an id (or with another profile's id). */
export function isProvisionalId(id: string): boolean {
  return id.startsWith(PROVISIONAL_ID_PREFIX);
}

/** What the file says, with every issue. Whitespace only (a new, empty file) is an empty, valid file. */
export function parseProfileFile(text: string): ProfileFileSnapshot {
  const snapshot: ProfileFileSnapshot = {
    profiles: [],
    indexById: new Map(),
    variables: {},
    issues: [],
    editable: true,
  };
  if (text.trim() === '') return snapshot;
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const reader = new ProfileFileReader(snapshot, createTextLocator(text));
  const profilesNode = root?.type === 'object' ? findNodeAtLocation(root, ['profiles']) : undefined;
  const elements = profilesNode?.type === 'array' ? (profilesNode.children ?? []) : [];
  const badProfiles = new Set<number>();
  for (const error of errors) {
    const index = elements.findIndex((e) => error.offset >= e.offset && error.offset <= e.offset + e.length);
    if (index < 0) return reader.unreadable(syntaxErrorMessage(error), error.offset, error.length);
    if (!badProfiles.has(index)) reader.at(error.offset, error.length, ['profiles', index], syntaxErrorMessage(error));
    badProfiles.add(index);
  }
  if (errors.length > 0) snapshot.editable = false;
  if (!root || root.type !== 'object')
    return reader.unreadable('The file must hold one object: { "version": 1, "profiles": [ … ] }.', 0, text.length);
  reader.readRoot(root);
  reader.readProfiles(root, elements, badProfiles);
  snapshot.issues.sort((a, b) => (a.range?.offset ?? 0) - (b.range?.offset ?? 0));
  return snapshot;
}

/** Collects the issues of one file as it is read. */
class ProfileFileReader {
  constructor(
    private readonly snapshot: ProfileFileSnapshot,
    private readonly locator: TextLocator,
  ) {}

  /** The file as a whole cannot be read: one issue, no profiles, no edits. */
  unreadable(message: string, offset: number, length: number): ProfileFileSnapshot {
    this.snapshot.issues = [{ path: '', message, severity: 'error', range: this.locator.range(offset, length) }];
    this.snapshot.profiles = [];
    this.snapshot.editable = false;
    return this.snapshot;
  }

  at(offset: number, length: number, segments: JsonSegment[], message: string): void {
    const range = this.locator.range(offset, length);
    this.snapshot.issues.push({ path: formatJsonPath(segments), message, severity: 'error', range });
  }

  report(root: Node, segments: JsonSegment[], message: string, severity: IssueSeverity, atKey = false): void {
    const node = nodeForPath(root, segments, atKey);
    const issue: ProfileIssue = { path: formatJsonPath(segments), message, severity };
    issue.range = this.locator.range(node.offset, node.length);
    this.snapshot.issues.push(issue);
  }

  reportAll(root: Node, base: JsonSegment[], issues: ShapeIssue[]): void {
    for (const i of issues) this.report(root, [...base, ...i.segments], i.message, i.severity, i.atKey);
  }

  readRoot(root: Node): void {
    const value = getNodeValue(root) as Record<string, unknown>;
    for (const key of Object.keys(value))
      if (!ROOT_FIELDS.includes(key))
        this.report(root, [key], `"${key}" is not a field of a profile file; it is ignored.`, 'warning', true);
    if (value.$schema !== undefined && typeof value.$schema !== 'string')
      this.report(root, ['$schema'], '"$schema" must be a URL string.', 'warning');
    if (value.version === undefined)
      this.report(root, [], `The file has no "version": add "version": ${PROFILE_FILE_VERSION}.`, 'warning');
    else if (value.version !== PROFILE_FILE_VERSION) {
      const message =
        `This file is version ${JSON.stringify(value.version)}; this version of Realtime Inspector reads ` +
        `version ${PROFILE_FILE_VERSION} and will not edit it.`;
      this.report(root, ['version'], message, 'error');
      this.snapshot.editable = false;
    }
    this.readVariables(root, value.variables);
  }

  private readVariables(root: Node, value: unknown): void {
    if (value === undefined) return;
    if (!isJsonObject(value)) {
      this.report(root, ['variables'], '"variables" must be an object of names and text values.', 'error');
      return;
    }
    const variables: Array<[string, string]> = [];
    for (const [name, text] of Object.entries(value)) {
      const at = ['variables', name];
      if (!VARIABLE_NAME.test(name))
        this.report(
          root,
          at,
          `"${name.slice(0, 40)}" is not a variable name: letters, digits, _ . and -.`,
          'error',
          true,
        );
      else if (typeof text !== 'string') this.report(root, at, `Variable "${name}" must be text.`, 'error');
      else {
        variables.push([name, text]);
        if (text.includes('${'))
          this.report(
            root,
            at,
            'Variables are not expanded inside variables: this value is used as written.',
            'warning',
          );
      }
    }
    this.snapshot.variables = Object.fromEntries(variables);
  }

  readProfiles(root: Node, elements: Node[], badProfiles: ReadonlySet<number>): void {
    const profilesNode = findNodeAtLocation(root, ['profiles']);
    if (!profilesNode) return this.report(root, [], 'The file needs a "profiles" list.', 'error');
    if (profilesNode.type !== 'array') return this.report(root, ['profiles'], '"profiles" must be a list.', 'error');
    const names = new Set(Object.keys(this.snapshot.variables));
    const seenIds = new Map<string, number>();
    elements.forEach((element, index) => {
      if (badProfiles.has(index)) return;
      // A JSON round trip: jsonc-parser builds objects without a prototype; callers expect plain ones.
      const check = checkProfile(JSON.parse(JSON.stringify(getNodeValue(element))), names);
      this.reportAll(root, ['profiles', index], check.issues);
      if (check.profile) this.add(root, check.profile, index, check.needsId, seenIds);
    });
  }

  /** Adds a loaded profile; one without an id, or with the id of an earlier one, gets a provisional id. */
  private add(root: Node, profile: Profile, index: number, needsId: boolean, seenIds: Map<string, number>): void {
    const earlier = needsId ? undefined : seenIds.get(profile.id);
    if (earlier !== undefined) {
      const message = `profiles[${earlier}] has the same id; this profile gets a new one when the file is next saved.`;
      this.report(root, ['profiles', index, 'id'], message, 'warning');
    }
    const id = needsId || earlier !== undefined ? `${PROVISIONAL_ID_PREFIX}${index}` : profile.id;
    if (!needsId && earlier === undefined) seenIds.set(id, index);
    this.snapshot.profiles.push({ ...profile, id });
    (this.snapshot.indexById as Map<string, number>).set(id, index);
  }
}

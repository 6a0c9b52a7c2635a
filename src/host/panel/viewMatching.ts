/**
 * Which events a panel view shows (issue #9), over core's query contract `runQuery` (which finds rows by
 * type as well as by text), less the children of folded rows. Pure apart from the log it reads; no vscode.
 */
import type { EventLog } from '../../core/events/eventLog';
import type { ViewSpecDto } from '../../shared/protocol';

/** Parent chains deeper than this are not followed (the protocols nest three levels). */
export const MAX_NESTING = 4;

/** True when the spec shows every event: no condition in the query, nothing folded. */
export function isEmptySpec(spec: ViewSpecDto): boolean {
  if (spec.collapsed.length > 0) return false;
  return Object.values(spec.query).every((value) => value === undefined || value === '');
}

/** The folded rows among `seq`'s ancestors (empty: no fold hides it). */
export function foldedAncestors(log: EventLog, seq: number, collapsed: ReadonlySet<number>): number[] {
  if (collapsed.size === 0) return [];
  const folds: number[] = [];
  let parent = log.get(seq)?.parent;
  for (let depth = 0; parent !== undefined && depth < MAX_NESTING; depth++) {
    if (collapsed.has(parent)) folds.push(parent);
    parent = log.get(parent)?.parent;
  }
  return folds;
}

/** How deep `seq` sits under its parents (as far as the log still holds them). */
export function nestingDepth(log: EventLog, parent: number | undefined): number {
  let depth = 0;
  for (let p = parent; p !== undefined && depth < MAX_NESTING; p = log.get(p)?.parent) depth++;
  return depth;
}

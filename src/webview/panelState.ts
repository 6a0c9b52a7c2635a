/**
 * What the panel keeps across a tab switch or a reload of the webview (issue #9), in VS Code's webview
 * state: the filter, the folds, the selection, where the table was scrolled to (the seq of its first
 * row) and whether it followed the tail. The rows themselves come back from the host's log. Pure: the
 * saved value is read back defensively, as any stored input.
 */
import { MAX_COLLAPSED_ROWS, MAX_QUERY_CHARS } from '../shared/protocol';
import { EMPTY_FILTER, LAYER_GROUPS, type FilterState } from './rowFilter';

export interface PanelState {
  filter: FilterState;
  collapsed: number[];
  selectedSeq?: number;
  /** The seq of the first row on screen, when not following the tail. */
  anchorSeq?: number;
  following: boolean;
  /** The composer's draft, owned by the composer (kept as it was saved). */
  composer?: unknown;
}

export const INITIAL_STATE: PanelState = { filter: EMPTY_FILTER, collapsed: [], following: true };

const isSeq = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;

function readFilter(raw: unknown): FilterState {
  if (typeof raw !== 'object' || raw === null) return EMPTY_FILTER;
  const { text, regex, hiddenLayers } = raw as Record<string, unknown>;
  return {
    text: typeof text === 'string' ? text.slice(0, MAX_QUERY_CHARS) : '',
    regex: regex === true,
    hiddenLayers: Array.isArray(hiddenLayers) ? LAYER_GROUPS.filter((group) => hiddenLayers.includes(group)) : [],
  };
}

/** The state saved last, or the initial state for anything unreadable. */
export function readPanelState(raw: unknown): PanelState {
  if (typeof raw !== 'object' || raw === null) return INITIAL_STATE;
  const saved = raw as Record<string, unknown>;
  const state: PanelState = {
    filter: readFilter(saved.filter),
    collapsed: Array.isArray(saved.collapsed) ? saved.collapsed.filter(isSeq).slice(-MAX_COLLAPSED_ROWS) : [],
    following: saved.following !== false,
  };
  if (isSeq(saved.selectedSeq)) state.selectedSeq = saved.selectedSeq;
  if (isSeq(saved.anchorSeq) && !state.following) state.anchorSeq = saved.anchorSeq;
  if (saved.composer !== undefined) state.composer = saved.composer;
  return state;
}

/** True when two states differ in anything saved (so setState runs only on a change). */
export function stateChanged(a: PanelState, b: PanelState): boolean {
  return JSON.stringify(a) !== JSON.stringify(b);
}

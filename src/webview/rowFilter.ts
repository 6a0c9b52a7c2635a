/**
 * The filter the toolbar sets — text (or a regular expression), and the layer toggles — as the
 * EventQuery the host runs over the whole log (issue #9). The webview filters nothing itself. Pure.
 */
import type { EventQuery } from '../shared/dto';
import { MAX_QUERY_CHARS } from '../shared/protocol';

/** The layer toggles: each row belongs to one group (TCP, TLS and polling facts go with HTTP). */
export const LAYER_GROUPS = ['http', 'ws', 'eio', 'sio'] as const;
export type LayerGroup = (typeof LAYER_GROUPS)[number];

/** Every layer of the log, by the toggle that shows it (SSE has no toggle: always shown). */
const GROUP_LAYERS: Record<string, readonly NonNullable<EventQuery['layers']>[number][]> = {
  http: ['tcp', 'tls', 'http', 'poll'],
  ws: ['ws'],
  eio: ['eio'],
  sio: ['sio'],
  sse: ['sse'],
};

export function layerGroup(layer: string): string {
  return layer === 'tcp' || layer === 'tls' || layer === 'poll' ? 'http' : layer;
}

/** What the toolbar holds. */
export interface FilterState {
  text: string;
  /** The text is a regular expression (case-insensitive). */
  regex: boolean;
  /** Layer groups switched off. */
  hiddenLayers: string[];
}

export const EMPTY_FILTER: FilterState = { text: '', regex: false, hiddenLayers: [] };

/** True when the filter narrows anything. */
export function isFilterSet(filter: FilterState): boolean {
  return filter.text.trim() !== '' || filter.hiddenLayers.length > 0;
}

/** The query for the host: text or expression, and the layers still shown (only when some are hidden). */
export function queryOf(filter: FilterState): EventQuery {
  const query: EventQuery = {};
  const text = filter.regex ? filter.text : filter.text.trim();
  if (text) {
    const bounded = text.slice(0, MAX_QUERY_CHARS);
    if (filter.regex) query.regex = { source: bounded, flags: 'i' };
    else query.text = bounded;
  }
  const hidden = new Set(filter.hiddenLayers);
  if (hidden.size > 0) {
    query.layers = Object.entries(GROUP_LAYERS)
      .filter(([group]) => !hidden.has(group))
      .flatMap(([, layers]) => layers);
  }
  return query;
}

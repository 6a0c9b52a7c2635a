/**
 * The `Connect…` editors of the plain-HTTP kinds (issue 11): method, body, Last-Event-ID, reconnect, interval,
 * request timeout and the cursor rule. Each value is checked by core's validator as the user types, and
 * written into the draft only when the user confirms.
 */
import { fieldProblem, type Draft } from './connectDraft';
import { promptText } from './connectPrompts';

type HttpOptionId = 'method' | 'body' | 'lastEventId' | 'reconnect' | 'interval' | 'requestTimeout' | 'cursor';

/** One editor per plain-HTTP option. */
export const HTTP_OPTION_EDITORS: Record<HttpOptionId, (draft: Draft) => Promise<void> | void> = {
  method: toggleMethod,
  body: async (draft) => {
    const text = await promptText(
      'body',
      'Request body, sent as typed with every request (JSON when a cursor goes into it); empty for none',
      typeof draft.body === 'string' ? draft.body : '',
      '{"model":"…","stream":true}',
      (value) => fieldProblem({ ...draft, body: value }, 'body'),
    );
    if (text !== undefined) draft.body = text === '' ? undefined : text;
  },
  lastEventId: async (draft) => {
    const text = await promptText(
      'Last-Event-ID',
      'Last-Event-ID of the first request, to resume a stream (empty for none); reconnects send the last id seen',
      typeof draft.lastEventId === 'string' ? draft.lastEventId : '',
      '42',
      (value) => fieldProblem({ ...draft, lastEventId: value }, 'lastEventId'),
    );
    if (text !== undefined) draft.lastEventId = text === '' ? undefined : text;
  },
  reconnect: (draft) => {
    draft.reconnect = draft.reconnect === false;
  },
  interval: (draft) =>
    editMilliseconds(
      draft,
      'intervalMs',
      draft.kind === 'shortpoll'
        ? 'Milliseconds from one request to the next (empty for the default, 2000)'
        : 'Milliseconds to wait after an answer before asking again (empty for the default, 0)',
    ),
  requestTimeout: (draft) =>
    editMilliseconds(
      draft,
      'requestTimeoutMs',
      'Deadline of one request in ms, from sent to the last body byte (empty for the default)',
    ),
  cursor: editCursor,
};

/** GET ⇄ POST. A body typed for POST is kept aside while the method is GET, and comes back with POST. */
function toggleMethod(draft: Draft): void {
  if (draft.method === 'POST') {
    draft.method = 'GET';
    draft.bodyWhenPost = draft.body;
    draft.body = undefined;
  } else {
    draft.method = 'POST';
    draft.body ??= draft.bodyWhenPost;
    draft.bodyWhenPost = undefined;
  }
}

async function editMilliseconds(draft: Draft, field: 'intervalMs' | 'requestTimeoutMs', prompt: string) {
  const current = typeof draft[field] === 'number' ? String(draft[field]) : '';
  const text = await promptText(field, prompt, current, 'e.g. 5000', (value) => {
    if (value.trim() === '') return null;
    const ms = Number(value.trim());
    if (!Number.isInteger(ms)) return 'Type a whole number of milliseconds.';
    return fieldProblem({ ...draft, [field]: ms }, field);
  });
  if (text !== undefined) draft[field] = text.trim() === '' ? undefined : Number(text.trim());
}

/** The cursor rule: a JSON path into each answer, then where the value goes in the next request. */
async function editCursor(draft: Draft): Promise<void> {
  const current = (draft.cursor as { from?: string; to?: string } | undefined) ?? {};
  const from = await promptText(
    'cursor from',
    'JSON path into each answer whose value feeds the next request (empty: no cursor)',
    current.from ?? '',
    '$.cursor  or  $.messages[-1].id',
    (value) =>
      value.trim() === '' ? null : fieldProblem({ ...draft, cursor: { from: value, to: 'cursor' } }, 'cursor.from'),
  );
  if (from === undefined) return;
  if (from.trim() === '') {
    draft.cursor = undefined;
    return;
  }
  const to = await promptText(
    'cursor to',
    'Where the cursor goes: a query parameter name, or body.<field> of a POST whose body is a JSON object',
    current.to ?? 'cursor',
    'cursor  or  body.since',
    (value) => fieldProblem({ ...draft, cursor: { from, to: value } }, 'cursor.to'),
  );
  if (to !== undefined) draft.cursor = { from: from.trim(), to: to.trim() };
}

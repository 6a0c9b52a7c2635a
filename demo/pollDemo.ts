/**
 * The demo's polling endpoints:
 *
 * - `GET /chat/poll?cursor=N` — a long-poll chat with a cursor: messages newer than id N are answered at once as
 *   `{"messages":[{"id","from","text","time"}…],"cursor":<last id>}`; without news the request is held up to
 *   `holdMs` (default 20 s), then answered with no messages and the same cursor. A POST with a JSON body
 *   `{"cursor":N}` works the same; a poll without a cursor waits for the next message.
 * - `POST /chat/send` — the body (text) becomes a message from "you"; a "demo bot" posts one every `botMs`.
 * - `GET /status` — a short-poll status endpoint: `{"status":"ok","tick":n,"uptimeMs":…,"waiting":…}`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

interface ChatMessage {
  id: number;
  from: string;
  text: string;
  time: string;
}

interface Waiter {
  cursor: number;
  res: ServerResponse;
  timer: NodeJS.Timeout;
}

/** Kept so the demo's memory stays bounded however long it runs. */
const MAX_MESSAGES = 500;
const BOT_LINES = ['Hello from the demo bot', 'Long-polling: each answer is held until there is news', 'ping?'];

export interface PollDemo {
  /** Answers /chat/poll, /chat/send and /status; false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL, body: string): boolean;
  close(): void;
}

export function startPollDemo(options: { holdMs?: number; botMs?: number } = {}): PollDemo {
  const holdMs = options.holdMs ?? 20_000;
  const started = Date.now();
  const messages: ChatMessage[] = [];
  const waiters = new Set<Waiter>();
  let lastId = 0;
  let statusTick = 0;

  const answer = (res: ServerResponse, cursor: number): void => {
    const news = messages.filter((m) => m.id > cursor);
    json(res, 200, { messages: news, cursor: news.length ? news[news.length - 1].id : cursor });
  };
  const post = (from: string, text: string): number => {
    messages.push({ id: ++lastId, from, text: text.slice(0, 2000), time: new Date().toISOString() });
    if (messages.length > MAX_MESSAGES) messages.shift();
    for (const waiter of waiters) {
      clearTimeout(waiter.timer);
      answer(waiter.res, waiter.cursor);
    }
    waiters.clear();
    return lastId;
  };
  /** A held poll ends: answered with no news when its hold is over, dropped when the client went. */
  const release = (waiter: Waiter, reply: boolean): void => {
    clearTimeout(waiter.timer);
    if (waiters.delete(waiter) && reply) answer(waiter.res, waiter.cursor);
  };
  const poll = (res: ServerResponse, cursor: number): void => {
    if (lastId > cursor) return answer(res, cursor);
    const waiter: Waiter = { cursor, res, timer: setTimeout(() => release(waiter, true), holdMs) };
    waiters.add(waiter);
    res.on('close', () => release(waiter, false));
  };
  let botLine = 0;
  const bot = setInterval(() => post('demo bot', BOT_LINES[botLine++ % BOT_LINES.length]), options.botMs ?? 5000);

  return {
    handle(req, res, url, body) {
      if (url.pathname === '/chat/poll') poll(res, cursorOf(url, body) ?? lastId);
      else if (url.pathname === '/chat/send' && req.method === 'POST') json(res, 200, { id: post('you', body) });
      else if (url.pathname === '/status') {
        const status = { status: 'ok', tick: ++statusTick, uptimeMs: Date.now() - started, waiting: waiters.size };
        json(res, 200, status);
      } else return false;
      return true;
    },
    close() {
      clearInterval(bot);
      for (const waiter of waiters) clearTimeout(waiter.timer);
      waiters.clear();
    },
  };
}

/**
 * The cursor of a poll: the query's `cursor`, else the JSON body's `cursor` field; undefined without one (the
 * poll then waits for news: a client without a cursor rule is not answered the same messages again and again).
 */
function cursorOf(url: URL, body: string): number | undefined {
  const fromQuery = url.searchParams.get('cursor');
  if (fromQuery !== null) return Number(fromQuery) || 0;
  try {
    const parsed = JSON.parse(body) as { cursor?: unknown };
    return typeof parsed.cursor === 'number' ? parsed.cursor : undefined;
  } catch {
    return undefined;
  }
}

function json(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

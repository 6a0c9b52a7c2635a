/**
 * The demo's Server-Sent Events endpoint, `GET|POST /sse/ticker`: `retry: 2000`, then numbered `tick` events
 * (`id: n`, `event: tick`, `data: {"n":n,"time":…}`) every `ms` (default the demo's tick), a `: keep-alive`
 * comment every fifth event, and the end of the stream after `count` events (default 10). The session then
 * reconnects after the retry time with `Last-Event-ID`, and the ticker resumes after that id: the whole
 * EventSource story in a minute. `?count=0` never ends the stream.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

const RETRY_MS = 2000;

/** Answers one request to /sse/ticker; stops writing when the client goes. */
export function sseTicker(req: IncomingMessage, res: ServerResponse, url: URL, tickMs: number): void {
  const ms = clamp(Number(url.searchParams.get('ms') ?? tickMs), 20, 60_000, tickMs);
  const count = clamp(Number(url.searchParams.get('count') ?? 10), 0, 100_000, 10);
  const after = clamp(Number(req.headers['last-event-id'] ?? 0), 0, Number.MAX_SAFE_INTEGER, 0);
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache',
    'Access-Control-Allow-Origin': '*',
  });
  const resumed = after > 0 ? ` (resumed after id ${after})` : '';
  res.write(`: Realtime Inspector demo ticker${resumed}\nretry: ${RETRY_MS}\n\n`);
  let n = after;
  const timer = setInterval(() => {
    n++;
    const keepAlive = n % 5 === 0 ? ': keep-alive\n\n' : '';
    res.write(`${keepAlive}id: ${n}\nevent: tick\ndata: ${JSON.stringify({ n, time: new Date().toISOString() })}\n\n`);
    if (count > 0 && n - after >= count) {
      clearInterval(timer);
      res.end();
    }
  }, ms);
  res.on('close', () => clearInterval(timer));
}

function clamp(value: number, min: number, max: number, fallback: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(Math.floor(value), min), max) : fallback;
}

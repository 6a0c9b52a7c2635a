/**
 * The demo's plain-HTTP server (issue 11) on one port: Server-Sent Events (`/sse/ticker`, sseDemo.ts), a
 * long-poll chat with a cursor (`/chat/poll`, `/chat/send`) and a short-poll status endpoint (`/status`)
 * (pollDemo.ts). Anything else answers 404 with a short text saying what is there.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { startPollDemo } from './pollDemo';
import { sseTicker } from './sseDemo';

export interface HttpDemo {
  /** `http://host:port`. */
  url: string;
  close(): Promise<void>;
}

/** Largest request body the demo reads (a chat line, a cursor). */
const MAX_BODY_BYTES = 64 * 1024;

export async function startHttpDemo(host: string, port: number, tickMs: number): Promise<HttpDemo> {
  const polls = startPollDemo();
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const url = new URL(req.url ?? '/', 'http://demo');
      if (url.pathname === '/sse/ticker') return sseTicker(req, res, url, tickMs);
      if (polls.handle(req, res, url, body)) return;
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Try /sse/ticker, /chat/poll?cursor=0 (POST /chat/send to talk) or /status.\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        polls.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The request body as text, cut at MAX_BODY_BYTES. */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

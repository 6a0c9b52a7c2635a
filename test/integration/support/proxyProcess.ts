/**
 * Starts test/fixtures/servers/proxyServerProcess.ts from the extension host (the real `proxy` package cannot be
 * bundled, see there) and follows what it reports: its port, and the target of every CONNECT it received.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { createInterface } from 'node:readline';

export interface ProxyProcess {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** `host:port` of each CONNECT, in order, as reported so far. */
  readonly connects: string[];
  close(): Promise<void>;
}

/** The repository root, from the bundled test file in dist/test/integration. */
const root = path.resolve(__dirname, '../../..');

export function startProxyProcess(): Promise<ProxyProcess> {
  const script = path.join(root, 'test/fixtures/servers/proxyServerProcess.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  const connects: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    void exited.then(() => reject(new Error('the proxy process exited before it listened')));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const message = JSON.parse(line) as { port?: number; connect?: string };
      if (message.connect !== undefined) connects.push(message.connect);
      if (message.port === undefined) return;
      resolve({
        url: `http://127.0.0.1:${message.port}`,
        connects,
        close: () => {
          child.stdin!.end();
          return exited;
        },
      });
    });
  });
}

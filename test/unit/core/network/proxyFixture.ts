/**
 * Set-up for the proxy tests (issue 12): sessions made as the host makes them (validated options, a network
 * routed by the proxy sources, passed to createSession), the real proxy on 127.0.0.1, and everything closed
 * after each test (`useProxied()` inside a `describe`).
 */
import assert from 'node:assert/strict';
import { validateConnectionOptions } from '../../../../src/core/connection/connectionOptions';
import type { ProxySources } from '../../../../src/core/network/proxyChoice';
import { createSessionNetwork } from '../../../../src/core/network/sessionNetwork';
import { createSession } from '../../../../src/core/session/createSession';
import type { Session } from '../../../../src/core/session/session';
import { startProxyServer, type ProxyServer } from '../../../fixtures/servers/proxyServer';
import { events, ofType } from '../../support/sessionEvents';

export interface ProxiedFixture {
  /** A session of any kind (`kind` in `options`) whose connections are routed by `sources`. */
  session(options: Record<string, unknown>, sources: ProxySources): Session;
  /** The real proxy; with `credentials` ("user:password") it wants Proxy-Authorization; with `tls`, https://. */
  proxy(credentials?: string, tls?: { cert: string; key: string }): Promise<ProxyServer>;
  /** Runs `cleanup` after the test (last registered, first run). */
  onCleanup(cleanup: () => unknown): void;
}

export function useProxied(): ProxiedFixture {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return {
    session(options, sources) {
      const validated = validateConnectionOptions(options);
      assert.ok(validated.ok, JSON.stringify(!validated.ok && validated.issues));
      const network = createSessionNetwork(validated.value, sources);
      const created = createSession(options, { network });
      assert.ok(created.ok);
      const session = created.value;
      cleanups.push(async () => {
        await session.close();
        session.dispose();
        network.dispose();
      });
      return session;
    },
    async proxy(credentials, tls) {
      const server = await startProxyServer(credentials, tls);
      cleanups.push(() => server.close());
      return server;
    },
    onCleanup: (cleanup) => cleanups.push(cleanup),
  };
}

/** The first error row's code and message (fails the test when there is none). */
export function firstError(session: Session): { code: string; message: string } {
  const error = ofType(session, 'error')[0]?.meta?.error;
  assert.ok(
    error,
    `an error row; log: ${events(session)
      .map((e) => e.type)
      .join(', ')}`,
  );
  return error;
}

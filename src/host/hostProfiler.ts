/**
 * A CPU profile of the extension host itself, for the UI bench (issue #9: which task blocks the host for more
 * than 100 ms under a flood). Started and written through the hidden diagnostics command with `profile: true`;
 * an in-process inspector session, so nothing listens on a port.
 */
import { Session } from 'node:inspector';

export class HostProfiler {
  private session: Session | undefined;

  get running(): boolean {
    return this.session !== undefined;
  }

  /** Starts sampling (a no-op when already running). */
  async start(): Promise<void> {
    if (this.session) return;
    const session = new Session();
    session.connect();
    this.session = session;
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.setSamplingInterval', { interval: 500 });
    await post(session, 'Profiler.start');
  }

  /** Stops sampling and returns the profile (the `.cpuprofile` JSON), or undefined when not running. */
  async stop(): Promise<string | undefined> {
    const session = this.session;
    if (!session) return undefined;
    this.session = undefined;
    try {
      const result = (await post(session, 'Profiler.stop')) as { profile?: unknown };
      return JSON.stringify(result.profile);
    } finally {
      session.disconnect();
    }
  }

  dispose(): void {
    this.session?.disconnect();
    this.session = undefined;
  }
}

function post(session: Session, method: string, params?: object): Promise<unknown> {
  return new Promise((resolve, reject) =>
    session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))),
  );
}

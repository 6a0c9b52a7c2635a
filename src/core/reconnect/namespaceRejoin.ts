/**
 * What a reconnecting Socket.IO session joins again (issue 12), as socket.io-client does: every namespace the
 * session was in — those of its options and those joined later from the composer or a message book — each
 * with the auth payload it was joined with, minus those it left and those the server disconnected it from
 * (socket.io-client does not join those again: "io server disconnect"). The next attempt is made with these as its
 * `namespaces`, so the Socket.IO layer sends their CONNECTs (with auth) as soon as Engine.IO is open.
 */
import type { ResolvedEngineIoOptions } from '../connection/engineIoOptions';
import type { ResolvedConnectionOptions } from '../connection/connectionOptions';
import type { LogEvent } from '../events/logEvent';
import type { SendRequest } from '../session/sendRequest';
import { serverDisconnectedNamespace } from './terminalOutcomes';

type NamespaceOption = ResolvedEngineIoOptions['namespaces'][number];

/** Most namespaces carried over: a script joining names in a loop must not grow every reconnect without bound. */
export const MAX_REJOINED_NAMESPACES = 256;

export class NamespaceRejoin {
  /** By name, in the order first joined; a later join with other auth replaces the auth. */
  private readonly joined = new Map<string, NamespaceOption>();
  /** Namespaces the server disconnected the session from and that it did not join again since (for the note). */
  private readonly droppedByServer = new Set<string>();

  constructor(private readonly options: ResolvedConnectionOptions) {
    if (options.kind !== 'socketio') return;
    for (const ns of options.namespaces) this.joined.set(ns.name, ns);
  }

  /** Takes in a request the session accepted: a join or a leave changes what the next attempt joins. */
  sent(request: SendRequest): void {
    if (this.options.kind !== 'socketio') return;
    if (request.kind === 'sio-connect') {
      if (!this.joined.has(request.namespace) && this.joined.size >= MAX_REJOINED_NAMESPACES) return;
      this.droppedByServer.delete(request.namespace);
      this.joined.set(
        request.namespace,
        request.auth === undefined || request.auth === ''
          ? { name: request.namespace }
          : { name: request.namespace, auth: request.auth },
      );
    } else if (request.kind === 'sio-disconnect') this.joined.delete(request.namespace);
  }

  /** Takes in a row of the attempt, as appended: a DISCONNECT from the server drops its namespace. */
  observe(event: LogEvent): void {
    const namespace = this.options.kind === 'socketio' ? serverDisconnectedNamespace(event) : undefined;
    if (namespace === undefined || !this.joined.delete(namespace)) return;
    if (this.droppedByServer.size < MAX_REJOINED_NAMESPACES) this.droppedByServer.add(namespace);
  }

  /** How many namespaces the next attempt joins. */
  get count(): number {
    return this.joined.size;
  }

  /** The options of the next attempt: the same, with the namespaces to join again. */
  nextOptions(): ResolvedConnectionOptions {
    if (this.options.kind !== 'socketio') return this.options;
    return { ...this.options, namespaces: [...this.joined.values()] };
  }

  /**
   * The row that says so: "Re-joining /, /chat, /admin (/admin with the same auth), as socket.io-client does."
   * Names only: auth payloads may hold credentials and are never shown here. Undefined for other kinds.
   */
  note(): string | undefined {
    if (this.options.kind !== 'socketio') return undefined;
    const all = [...this.joined.values()];
    if (all.length === 0) return 'No namespace to join again (the session left them all).';
    const shown = all.slice(0, 10).map((ns) => ns.name);
    const more = all.length > shown.length ? ` and ${all.length - shown.length} more` : '';
    const withAuth = all.filter((ns) => ns.auth !== undefined).map((ns) => ns.name);
    const which = withAuth.length === all.length && all.length > 1 ? 'each' : withAuth.slice(0, 10).join(', ');
    const auth = withAuth.length === 0 ? '' : ` (${which} with the same auth)`;
    const dropped = [...this.droppedByServer].slice(0, 10);
    const notAgain = dropped.length ? ` Not ${dropped.join(', ')}: the server disconnected the session from it.` : '';
    return `Re-joining ${shown.join(', ')}${more}${auth}, as socket.io-client does on reconnect.${notAgain}`;
  }
}

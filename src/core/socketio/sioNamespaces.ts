/**
 * The namespaces a Socket.IO session asked for, and their states. Only those are tracked: a server may
 * send CONNECT, CONNECT_ERROR or DISCONNECT for any name, and tracking each one let it grow the list
 * (and the copy of it made for every packet) without bound — 20,000 CONNECTs blocked a session for a
 * minute (issue #7). A packet for a namespace nobody asked for changes nothing and gets a warning.
 */
import type { NamespaceState } from '../session/sessionFacts';

/** A namespace and its state (its `sid` is the Socket.IO id of the v5 CONNECT reply, not the Engine.IO sid). */
export type NamespaceInfo = NamespaceState;

/** The server packets that speak about a namespace's membership. */
export type NamespacePacketType = 'CONNECT' | 'CONNECT_ERROR' | 'DISCONNECT';

const VERBS: Record<NamespacePacketType, string> = {
  CONNECT: 'connected',
  CONNECT_ERROR: 'refused',
  DISCONNECT: 'disconnected',
};

/** Server-chosen names shown on a row are cut to this many characters. */
const MAX_SHOWN_NAME_CHARS = 80;

/** The tracked namespaces of one session: asked for by us, changed by the server's answers. */
export class NamespaceTracker {
  /** Entries are replaced, never mutated, so a published list never changes under its reader. */
  private readonly byName = new Map<string, Readonly<NamespaceInfo>>();
  private list: NamespaceInfo[] = [];

  /** `onListChanged` gets a new list (a fresh array) each time a tracked namespace changes, and only then. */
  constructor(private readonly onListChanged: (list: NamespaceInfo[]) => void) {}

  /** The tracked namespaces, in the order they were first asked for. */
  get namespaces(): readonly NamespaceInfo[] {
    return this.list;
  }

  /** The state of `name`, when it is tracked. */
  get(name: string): Readonly<NamespaceInfo> | undefined {
    return this.byName.get(name);
  }

  /** The session asks to join `name` (with Socket.IO 2, the protocol itself joins "/"). */
  ask(name: string): void {
    this.set({ name, state: 'connecting' });
  }

  /** We left `name`, or the session ended: it stays listed with the reason. */
  leave(name: string, reason: string): void {
    if (this.byName.has(name)) this.set({ name, state: 'disconnected', reason });
  }

  /** The session ended: every live namespace ends with it, in one change. */
  closeAll(reason: string): void {
    let changed = false;
    for (const ns of this.byName.values()) {
      if (ns.state !== 'connected' && ns.state !== 'connecting') continue;
      this.byName.set(ns.name, { name: ns.name, state: 'disconnected', reason });
      changed = true;
    }
    if (changed) this.publish();
  }

  /**
   * Applies what the server said about `name`: CONNECT (with the Socket.IO `sid`), CONNECT_ERROR
   * (with its `reason`) or DISCONNECT. Returns the warning for the row when the session never asked
   * for that namespace; then nothing changes.
   */
  onServerPacket(
    type: NamespacePacketType,
    name: string,
    detail: { sid?: string; reason?: string } = {},
  ): string | undefined {
    if (!this.byName.has(name)) {
      const shown = name.length > MAX_SHOWN_NAME_CHARS ? `${name.slice(0, MAX_SHOWN_NAME_CHARS)}…` : name;
      return (
        `The server ${VERBS[type]} namespace ${JSON.stringify(shown)}, which this session did not ask for: ` +
        'logged only, no state changed.'
      );
    }
    if (type === 'CONNECT')
      this.set({ name, state: 'connected', ...(detail.sid !== undefined && { sid: detail.sid }) });
    else if (type === 'CONNECT_ERROR') this.set({ name, state: 'refused', reason: detail.reason ?? 'refused' });
    else this.set({ name, state: 'disconnected', reason: 'server disconnect' });
    return undefined;
  }

  private set(entry: NamespaceInfo): void {
    this.byName.set(entry.name, entry);
    this.publish();
  }

  private publish(): void {
    this.list = [...this.byName.values()];
    this.onListChanged(this.list);
  }
}

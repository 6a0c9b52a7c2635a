/**
 * The acks the server asked for (an EVENT with an id the server chose) and that we have not answered:
 * `sio-ack` may answer only those. A server may ask without end, so the set is capped (issue #8): past
 * the cap the oldest request is let go, and the row that pushed it out says so.
 */

/** Most unanswered ack requests of the server kept answerable. */
export const MAX_SERVER_ACK_REQUESTS = 1_000;

export class ServerAckRequests {
  /** `namespace#id`, oldest first (a Set keeps insertion order). */
  private readonly keys = new Set<string>();

  get size(): number {
    return this.keys.size;
  }

  /** Remembers a request; returns the warning for its row when the cap let the oldest one go. */
  add(namespace: string, id: number): string | undefined {
    const key = `${namespace}#${id}`;
    this.keys.delete(key);
    this.keys.add(key);
    if (this.keys.size <= MAX_SERVER_ACK_REQUESTS) return undefined;
    const oldest = this.keys.values().next().value as string;
    this.keys.delete(oldest);
    const at = oldest.lastIndexOf('#');
    return (
      `The server is waiting for more than ${MAX_SERVER_ACK_REQUESTS.toLocaleString('en-US')} acks: the oldest ` +
      `(id ${oldest.slice(at + 1)} on ${oldest.slice(0, at)}) can no longer be answered from here.`
    );
  }

  has(namespace: string, id: number): boolean {
    return this.keys.has(`${namespace}#${id}`);
  }

  /** The request was answered: it cannot be answered twice. */
  answered(namespace: string, id: number): void {
    this.keys.delete(`${namespace}#${id}`);
  }
}

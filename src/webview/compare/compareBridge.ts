/**
 * The comparison panel's line to the extension host: typed posting and receiving over the compare protocol
 * (src/shared/compareProtocol.ts). The panel keeps no state of its own: after a reload it asks again.
 */
import type { CompareWebviewToHost, HostToCompareWebview } from '../../shared/compareProtocol';
import { acquireHostApi, hostChannel, type HostChannel } from '../hostChannel';

/** Typed access to the host over the compare protocol. */
export type CompareBridge = HostChannel<CompareWebviewToHost, HostToCompareWebview>;

/** Acquires the VS Code API (once per page load) and wraps it. */
export function connectCompareBridge(): CompareBridge {
  return hostChannel<CompareWebviewToHost, HostToCompareWebview>(acquireHostApi());
}

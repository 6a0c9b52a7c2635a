/**
 * "Open in editor" for payloads (issue #9): a read-only TextDocumentContentProvider for our scheme.
 * `realtime-inspector-payload:/session/<id>/<seq>.<json|txt|hex>` is the whole stored payload of event
 * <seq> of session <id>, masked by the session's redactor as in the details pane (payloadDocument.ts).
 * Documents of a content provider cannot be edited or saved in place: read-only by construction.
 */
import * as vscode from 'vscode';
import type { LogEvent } from '../core/events/logEvent';
import type { Session } from '../core/session/session';
import { payloadDocument, payloadDocumentExtension } from '../core/view/payloadDocument';
import { redactorFor } from './sessionRedaction';

/** Our URI scheme for payload documents. */
export const PAYLOAD_SCHEME = 'realtime-inspector-payload';

/** Where a payload document's URI points. */
export interface PayloadAddress {
  sessionId: string;
  seq: number;
}

/** The URI of the payload document of `event` in session `sessionId`. */
export function payloadUri(sessionId: string, event: LogEvent): vscode.Uri {
  const extension = event.payload ? payloadDocumentExtension(event.payload) : 'txt';
  const path = `/session/${encodeURIComponent(sessionId)}/${event.seq}.${extension}`;
  return vscode.Uri.from({ scheme: PAYLOAD_SCHEME, path });
}

/** Reads a payload document's path back (`/session/<id>/<seq>.<ext>`); undefined when it is not one. */
export function parsePayloadPath(path: string): PayloadAddress | undefined {
  const match = /^\/session\/([^/]+)\/(\d+)\.(?:json|txt|hex)$/.exec(path);
  if (!match) return undefined;
  const seq = Number(match[2]);
  if (!Number.isSafeInteger(seq) || seq < 1) return undefined;
  try {
    return { sessionId: decodeURIComponent(match[1]), seq };
  } catch {
    return undefined;
  }
}

/** The text of a payload document, or a line saying why there is none. */
export function payloadDocumentText(session: Session | undefined, seq: number): string {
  const event = session?.log.get(seq);
  if (!session || !event) return `Event #${seq} is no longer in the log.`;
  if (!event.payload) return `Event #${seq} has no payload.`;
  return payloadDocument(event.payload, redactorFor(session)).text;
}

/** Serves payload documents from the sessions `lookup` finds. */
export class PayloadDocumentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly lookup: (sessionId: string) => Session | undefined) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    const address = parsePayloadPath(uri.path);
    if (!address) return 'Not a Realtime Inspector payload.';
    return payloadDocumentText(this.lookup(address.sessionId), address.seq);
  }
}

/** Registers the provider; the returned registration goes into the extension's subscriptions. */
export function registerPayloadDocuments(lookup: (sessionId: string) => Session | undefined): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(PAYLOAD_SCHEME, new PayloadDocumentProvider(lookup));
}

/** Opens the payload document of `event` beside the panel, as a pinned (not preview) editor. */
export async function openPayloadDocument(sessionId: string, event: LogEvent): Promise<void> {
  const document = await vscode.workspace.openTextDocument(payloadUri(sessionId, event));
  await vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.Beside });
}

/**
 * How the integration tests reach the extension: its id, its commands, and the part of its exported
 * API (`activate()`'s return value) they rely on.
 */
import * as vscode from 'vscode';
import type { RealtimeInspectorApi } from '../../../src/host/extension';

export const EXTENSION_ID = 'realtime-inspector.realtime-inspector';

export const COMMANDS = {
  connect: 'realtimeInspector.connect',
  disconnect: 'realtimeInspector.disconnect',
  sendMessage: 'realtimeInspector.sendMessage',
  compareTransports: 'realtimeInspector.compareTransports',
  showLog: 'realtimeInspector.showLog',
  profileConnect: 'realtimeInspector.profiles.connect',
  profileEdit: 'realtimeInspector.profiles.edit',
  profileEditJson: 'realtimeInspector.profiles.editJson',
  profileDuplicate: 'realtimeInspector.profiles.duplicate',
  profileDelete: 'realtimeInspector.profiles.delete',
  profileCopyUrl: 'realtimeInspector.profiles.copyUrl',
  profileNew: 'realtimeInspector.profiles.new',
  profileRefresh: 'realtimeInspector.profiles.refresh',
  profileOpenWorkspaceFile: 'realtimeInspector.profiles.openWorkspaceFile',
} as const;

/** The extension's exports (activate()'s return value). */
export type InspectorApi = RealtimeInspectorApi;

/** Activates the extension (activation is lazy) and returns its API. */
export async function activateInspector(): Promise<InspectorApi> {
  const extension = vscode.extensions.getExtension<InspectorApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded in this host`);
  const api = await extension.activate();
  if (!api || typeof api.getSession !== 'function') throw new Error(`${EXTENSION_ID} exports no getSession()`);
  return api;
}

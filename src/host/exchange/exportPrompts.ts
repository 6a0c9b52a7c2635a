/**
 * The questions of an export (issue 10): the format (the panel's Export… button), sanitized or not — unsanitized
 * only after a modal warning — and where to save, with a name that holds no credential.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { Session } from '../../core/session/session';
import { FORMAT_EXTENSIONS, FORMAT_LABELS, type ExchangeFormat } from './exchangeCommandIds';
import { defaultExportName } from './exportFileName';

const TITLE = 'Export Session';

interface FormatItem extends vscode.QuickPickItem {
  format: ExchangeFormat;
}

/** HAR or JSON Lines; undefined when the user closed the pick. */
export async function askFormat(): Promise<ExchangeFormat | undefined> {
  const items: FormatItem[] = [
    {
      label: FORMAT_LABELS.har,
      description: '.har',
      detail: 'HAR 1.2: opens in Chrome DevTools (Network → Import HAR) and HAR viewers, WebSocket messages included.',
      format: 'har',
    },
    {
      label: FORMAT_LABELS.jsonl,
      description: '.jsonl',
      detail: 'Every event as it was logged, one per line: for scripts, and imports back without loss.',
      format: 'jsonl',
    },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: TITLE, placeHolder: 'Export the session as…' });
  return picked?.format;
}

/** True to mask credentials; false only after the user confirmed the warning; undefined when cancelled. */
export async function askSanitize(format: ExchangeFormat): Promise<boolean | undefined> {
  const items: Array<vscode.QuickPickItem & { sanitize: boolean }> = [
    {
      label: 'Sanitized',
      description: 'recommended',
      detail: "Authorization, cookies, tokens, URL passwords and the profile's secrets masked, payloads included.",
      sanitize: true,
    },
    {
      label: 'Unsanitized',
      description: 'credentials in clear',
      detail: 'Everything as it was logged. Only for a file that stays with you.',
      sanitize: false,
    },
  ];
  const placeHolder = `Mask credentials in the ${FORMAT_LABELS[format]} file?`;
  const picked = await vscode.window.showQuickPick(items, { title: TITLE, placeHolder });
  if (!picked) return undefined;
  if (picked.sanitize) return true;
  const confirm = 'Export with Credentials';
  const answer = await vscode.window.showWarningMessage(
    'Export this session with its credentials in clear?',
    {
      modal: true,
      detail:
        'The file will hold every Authorization header, cookie, token, URL password and secret this session ' +
        'logged, in clear. Anyone who gets the file can use them.',
    },
    confirm,
  );
  return answer === confirm ? false : undefined;
}

/** The file to write (a local path); undefined when the user closed the dialog. */
export async function askTarget(session: Session, format: ExchangeFormat): Promise<string | undefined> {
  const name = defaultExportName(session.info.url, session.info.startedAt, format);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
  const label = FORMAT_LABELS[format];
  const target = await vscode.window.showSaveDialog({
    title: `Export the session as ${label}`,
    defaultUri: vscode.Uri.joinPath(folder, name),
    filters: { [label]: [FORMAT_EXTENSIONS[format]] },
    saveLabel: 'Export',
  });
  if (!target) return undefined;
  if (target.scheme !== 'file') {
    void vscode.window.showErrorMessage('Exports are written to files on this machine: choose a local folder.');
    return undefined;
  }
  return target.fsPath;
}

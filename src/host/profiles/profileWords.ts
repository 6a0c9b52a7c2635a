/**
 * The words of the profile prompts and notifications (issue 10), in one place. What came from a file or a
 * person (a profile's name, an issue's path) goes through `inert` first: VS Code renders `[text](command:…)`
 * in a notification as a link. No value of a credential is ever part of these texts. Pure (no vscode).
 */
import type { ClearCredential } from '../../core/profiles/clearCredentials';
import type { ProfileIssue, ProfileScope } from '../../core/profiles/profileModel';
import { inert } from '../notificationText';

/** A profile's name, made safe to show in a notification. */
export function shownName(name: string): string {
  return `"${inert(name, 60)}"`;
}

/** The question asked for each credential found in clear when a profile is saved. */
export function clearCredentialQuestion(name: string, finding: ClearCredential, scope: ProfileScope): string {
  const where =
    scope === 'workspace'
      ? 'Workspace profiles are saved in .vscode/realtime-inspector.json, which is shared with everyone who gets ' +
        'this folder (for example through git): a value kept in clear is readable by all of them.'
      : 'User profiles are saved in a file in the extension\u2019s storage on this machine, readable by ' +
        'anything that can read your files.';
  return (
    `Profile ${shownName(name)}: ${inert(finding.label, 80)} is typed in clear. ${where} Move it into VS Code\u2019s ` +
    'secret storage? The profile then says ${secret:NAME} in its place.'
  );
}

/**
 * The modal asked before a workspace profile connects in a workspace that is not trusted; `networkChoices`: what
 * it changes about the proxy and TLS trust (untrustedNetworkWords.ts), which the URL does not show.
 */
export function untrustedProfileQuestion(name: string, networkChoices: readonly string[] = []): string {
  const network = networkChoices.length ? ` It also ${networkChoices.join(', ')}.` : '';
  return (
    `The profile ${shownName(name)} comes from a workspace you have not trusted. It decides where to connect and ` +
    `what to send (headers, secrets it names, messages).${network} Connect anyway?`
  );
}

/** The confirmation before a profile is deleted. */
export function deleteQuestion(name: string, scope: ProfileScope): string {
  const where = scope === 'workspace' ? 'from .vscode/realtime-inspector.json' : 'from your user profiles';
  return `Delete the profile ${shownName(name)} ${where}? Secrets it refers to stay in secret storage.`;
}

/** Why a profile cannot connect, pointing at the first field (the others are in the log). */
export function cannotConnectMessage(name: string, issues: readonly ProfileIssue[]): string {
  const first = issues[0];
  const where = first?.path ? `${inert(first.path, 80)}: ` : '';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  const what = inert(first?.message ?? 'it is not valid.', 200);
  return `Profile ${shownName(name)} cannot connect: ${where}${what}${more}`;
}

/** A profile file whose problems keep a profile from loading or an edit from being saved. */
export function fileProblemMessage(scope: ProfileScope, issue: ProfileIssue | undefined): string {
  const file = scope === 'workspace' ? '.vscode/realtime-inspector.json' : 'Your user profile file';
  const at = issue?.range ? ` (line ${issue.range.start.line + 1}, column ${issue.range.start.column + 1})` : '';
  const path = issue?.path ? `${inert(issue.path, 80)}: ` : '';
  const what = issue ? `${path}${inert(issue.message, 200)}` : 'it cannot be read.';
  return `${file} has a problem${at}: ${what} The other profiles keep working.`;
}

/** The placeholder a secret's name turns into, as shown in prompts. */
export function secretPlaceholder(name: string): string {
  return `\${secret:${name}}`;
}

/**
 * The panel's HTML: an empty shell that loads the bundled webview app by nonce, under a CSP that
 * starts from `default-src 'none'` (style.md rule 9). No inline script, no inline style.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** A fresh nonce per render, from the OS CSPRNG (never a timestamp). */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/** The Content-Security-Policy for one webview and one nonce. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

/** The complete document for the panel. `extensionUri` locates dist/ and media/. */
export function renderPanelHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  title: string,
  nonce = createNonce(),
): string {
  const asset = (...segments: string[]): string =>
    webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...segments)).toString();
  const csp = escapeAttribute(contentSecurityPolicy(webview.cspSource, nonce));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(asset('dist', 'codicons', 'codicon.css'))}">
<link rel="stylesheet" href="${escapeAttribute(asset('media', 'panel.css'))}">
<title>${escapeText(title)}</title>
</head>
<body>
<div id="app"></div>
<script nonce="${escapeAttribute(nonce)}" src="${escapeAttribute(asset('dist', 'webview.js'))}"></script>
</body>
</html>`;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

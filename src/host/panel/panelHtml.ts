/**
 * The webviews' HTML: an empty shell that loads a bundled webview app by nonce, under a CSP that starts from
 * `default-src 'none'` and enforces Trusted Types (contentSecurityPolicy.ts). No inline script, no inline style.
 * The session panel and the transport comparison panel both come through here.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { contentSecurityPolicy } from './contentSecurityPolicy';

/** A fresh nonce per render, from the OS CSPRNG (never a timestamp). */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/** The complete document for the session panel. `extensionUri` locates dist/ and media/. */
export function renderPanelHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  title: string,
  nonce = createNonce(),
): string {
  return renderWebviewHtml(webview, extensionUri, { title, script: 'webview.js', stylesheet: 'panel.css' }, nonce);
}

/** The stylesheet in media/ every page loads before its own: the rules the pages share (buttons, reset). */
const COMMON_STYLESHEET = 'common.css';

/** What a webview page loads: its bundle in dist/ and its stylesheet in media/ (codicons and common.css always). */
export interface WebviewPage {
  title: string;
  /** File name in dist/ (an esbuild entry of scripts/build.mjs). */
  script: string;
  /** File name in media/, loaded after common.css so the page's rules build on the shared ones. */
  stylesheet: string;
}

/**
 * The document of any of our webviews: the same CSP, nonce and empty `#app` shell for each. Stylesheets load in
 * cascade order: codicons, then media/common.css, then the page's own; all from the webview's cspSource.
 */
export function renderWebviewHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  page: WebviewPage,
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
<link rel="stylesheet" href="${escapeAttribute(asset('media', COMMON_STYLESHEET))}">
<link rel="stylesheet" href="${escapeAttribute(asset('media', page.stylesheet))}">
<title>${escapeText(page.title)}</title>
</head>
<body>
<div id="app"></div>
<script nonce="${escapeAttribute(nonce)}" src="${escapeAttribute(asset('dist', page.script))}"></script>
</body>
</html>`;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

/**
 * The Content-Security-Policy of every webview page (style.md rule 9), pure so plain Node tests it. It starts
 * from `default-src 'none'`; scripts run only by nonce; styles, fonts and images only from the webview's own
 * resource origin. Trusted Types (issue 12): `require-trusted-types-for 'script'` makes the browser refuse any
 * string that reaches an HTML or script sink (innerHTML, outerHTML, insertAdjacentHTML, document.write, a
 * script's src or text, eval), and `trusted-types 'none'` forbids creating a policy that could bless one. The
 * webview bundles build the DOM with textContent and createElement(NS) only, so they need no policy: a server's
 * text can never become markup, even if a later change slipped an innerHTML in.
 */

/** The policy for one webview (`cspSource`: its resource origin) and one nonce, as a meta tag's content. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
  ].join('; ');
}

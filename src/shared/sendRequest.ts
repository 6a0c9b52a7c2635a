/**
 * The send request as the webview and the host's messages speak of it: the domain type lives in core
 * (src/core/session/sendRequest.ts); shared only names it, type-only, so the webview bundle pulls in
 * no core code.
 */
export type { SendKind, SendRequest } from '../core/session/sendRequest';

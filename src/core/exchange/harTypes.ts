/**
 * HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) as written by Chrome DevTools, with the extensions
 * the importers of this project read: Chrome's `_resourceType` and `_webSocketMessages` (type, time in epoch
 * seconds, opcode, data — base64 for binary), HTTP Toolkit's `_webSocketClose`, and our own
 * `_eventSourceMessages` (Chrome's EventSource message shape) and `log._realtimeInspector` (the session's facts).
 */

export interface HarNameValue {
  name: string;
  value: string;
}

export interface HarCookie extends HarNameValue {
  path?: string;
  domain?: string;
  httpOnly?: boolean;
  secure?: boolean;
}

export interface HarPostData {
  mimeType: string;
  text: string;
  params?: HarNameValue[];
  /** Ours (as HTTP Toolkit's `_content`): `base64` when `text` holds the body's bytes in base64. */
  _encoding?: 'base64';
}

export interface HarRequest {
  method: string;
  url: string;
  httpVersion: string;
  cookies: HarCookie[];
  headers: HarNameValue[];
  queryString: HarNameValue[];
  postData?: HarPostData;
  headersSize: number;
  bodySize: number;
  comment?: string;
}

export interface HarContent {
  size: number;
  mimeType: string;
  text?: string;
  encoding?: string;
  compression?: number;
  comment?: string;
}

export interface HarResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  cookies: HarCookie[];
  headers: HarNameValue[];
  content: HarContent;
  redirectURL: string;
  headersSize: number;
  bodySize: number;
  /** Chrome: why there is no response (`net::ERR_…`); ours: in plain words. */
  _error?: string;
}

export interface HarTimings {
  blocked?: number;
  dns?: number;
  connect?: number;
  ssl?: number;
  send: number;
  wait: number;
  receive: number;
}

/** One WebSocket message as Chrome writes it. */
export interface HarWebSocketMessage {
  type: 'send' | 'receive';
  /** Epoch seconds, fractional. */
  time: number;
  /** 1 text, 2 binary. */
  opcode: number;
  /** The text, or the bytes in base64 (opcode 2). */
  data: string;
}

/** One Server-Sent Event as Chrome's EventSource messages hold it. */
export interface HarEventSourceMessage {
  /** Epoch seconds, fractional. */
  time: number;
  eventName: string;
  eventId: string;
  data: string;
}

export interface HarEntry {
  pageref?: string;
  startedDateTime: string;
  time: number;
  request: HarRequest;
  response: HarResponse;
  cache: Record<string, unknown>;
  timings: HarTimings;
  serverIPAddress?: string;
  connection?: string;
  comment?: string;
  _resourceType?: string;
  _webSocketMessages?: HarWebSocketMessage[];
  _webSocketClose?: { code?: number; reason?: string; timestamp?: number } | 'aborted';
  _eventSourceMessages?: HarEventSourceMessage[];
}

export interface HarPage {
  startedDateTime: string;
  id: string;
  title: string;
  pageTimings: { onContentLoad?: number; onLoad?: number };
}

export interface HarCreator {
  name: string;
  version: string;
  comment?: string;
}

/** Our facts of the exported session, beside the standard fields. */
export interface HarSessionFacts {
  format: 'realtime-inspector-har';
  version: number;
  sanitized: boolean;
  session: Record<string, unknown>;
}

export interface HarLog {
  version: string;
  creator: HarCreator;
  browser?: HarCreator;
  pages?: HarPage[];
  entries: HarEntry[];
  comment?: string;
  _realtimeInspector?: HarSessionFacts;
}

/** The resource types Chrome names, of those a realtime session makes. */
export const RESOURCE_TYPES = { websocket: 'websocket', eventsource: 'eventsource', xhr: 'xhr', fetch: 'fetch' };

/**
 * Example profile files for the schema/validator agreement test: good files both accept with no issue,
 * bad files both refuse. Each bad file differs from a good one by one mistake.
 */

/** A SHA-256 fingerprint as openssl prints it (of test/fixtures/tls/cert.pem). */
const PIN = '64:4A:BF:F9:58:F7:D3:C1:CB:C5:09:4A:88:DC:DE:C7:6D:A8:63:CC:B4:81:FB:E9:82:8D:7C:2B:4C:CF:5D:FE';

const file = (profiles: unknown[], extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    $schema: 'realtime-inspector:/schemas/realtime-inspector.schema.json',
    version: 1,
    ...extra,
    profiles,
  });

const ws = (connection: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  id: 'ws-1',
  name: 'Echo',
  connection: { kind: 'websocket', url: 'ws://localhost:8080/', ...connection },
  ...extra,
});

const sio = (connection: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  id: 'sio-1',
  name: 'Chat',
  connection: { kind: 'socketio', url: 'http://localhost:3000', ...connection },
  ...extra,
});

const poll = (connection: Record<string, unknown> = {}) => ({
  id: 'poll-1',
  name: 'Poll',
  connection: { kind: 'longpoll', url: 'http://localhost:3000/poll', ...connection },
});

export const GOOD_FILES: Record<string, string> = {
  'an empty list, with comments and trailing commas': '{\n  // none yet\n  "version": 1,\n  "profiles": [],\n}\n',
  // Issue 12: redirects for every kind, the heartbeat's pong deadline, an idle stream's timeout.
  'redirects and liveness options': file([
    ws({ heartbeatIntervalMs: 20000, heartbeatTimeoutMs: 10000, followRedirects: true, maxRedirects: 3 }),
    sio({ followRedirects: true }, { id: 'sio-2' }),
    { id: 's', name: 's', connection: { kind: 'sse', url: 'http://a/', idleTimeoutMs: 60000, followRedirects: true } },
    { id: 'p', name: 'p', connection: { kind: 'longpoll', url: 'http://a/', followRedirects: false, maxRedirects: 1 } },
  ]),
  'every WebSocket option': file([
    ws({
      headers: [['X-Client', 'inspector']],
      subprotocols: ['graphql-transport-ws', 'chat'],
      origin: 'https://example.com',
      perMessageDeflate: false,
      tls: {
        rejectUnauthorized: true,
        ca: '-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n',
        servername: 'a',
      },
      handshakeTimeoutMs: 5000,
      heartbeatIntervalMs: 20000,
      maxPayloadBytes: 1024,
      maxStoredPayloadBytes: 4096,
    }),
  ]),
  'every Socket.IO option, with every Socket.IO message': file([
    sio(
      {
        path: '/socket.io/',
        query: [['room', 'lobby']],
        transports: 'polling-only',
        protocolVersion: 3,
        namespaces: [{ name: '/' }, { name: '/admin', auth: '{"token":"${secret:admin}"}' }],
        parser: 'msgpack',
        maxPollBodyBytes: 65536,
      },
      {
        description: 'Staging chat',
        messages: [
          { name: 'emit', request: { kind: 'sio-emit', namespace: '/', event: 'chat', args: '["hi"]', ack: true } },
          { name: 'join', request: { kind: 'sio-connect', namespace: '/admin', auth: '{}' } },
          { name: 'leave', request: { kind: 'sio-disconnect', namespace: '/admin' } },
          { name: 'ack', request: { kind: 'sio-ack', namespace: '/', id: 3, args: '[]' } },
          { name: 'bye', request: { kind: 'close' } },
        ],
      },
    ),
  ]),
  'WebSocket messages of every kind': file([
    ws(
      {},
      {
        messages: [
          { name: 'text', request: { kind: 'text', text: 'hello ${env:USER}' } },
          { name: 'json', request: { kind: 'json', text: '{"a":1}' } },
          { name: 'bin', request: { kind: 'binary', encoding: 'hex', data: '01 ff' } },
          { name: 'ping', request: { kind: 'ping', text: 'p' } },
          { name: 'close', request: { kind: 'close', code: 1000, reason: 'done' } },
        ],
      },
    ),
  ]),
  'SSE, long-poll, short poll and Engine.IO': file([
    {
      id: 'sse',
      name: 'Feed',
      connection: {
        kind: 'sse',
        url: 'https://a/events',
        method: 'POST',
        body: '{}',
        lastEventId: '42',
        reconnect: false,
        maxLineBytes: 4096,
      },
    },
    poll({
      method: 'POST',
      body: '{"since":0}',
      cursor: { from: '$.cursor', to: 'body.since' },
      retry: { maxRetries: 3, initialDelayMs: 500, maxDelayMs: 5000 },
      requestTimeoutMs: 30000,
      maxBodyBytes: 2048,
    }),
    { id: 'short', name: 'Tick', connection: { kind: 'shortpoll', url: 'http://a/tick', intervalMs: 1000 } },
    {
      id: 'eio',
      name: 'Raw',
      connection: { kind: 'engineio', url: 'ws://a/engine.io/', transports: 'websocket-only', protocolVersion: 'auto' },
    },
  ]),
  'variables and placeholders in strings': file(
    [
      ws({
        url: '${env:WS_URL}',
        headers: [
          ['Authorization', 'Bearer ${secret:api-token}'],
          ['X-Root', '${workspaceFolder}'],
        ],
      }),
      sio({ url: 'https://${var:host}:${var:port}/', path: '${var:path}', query: [['token', '${secret:q}']] }),
    ],
    { variables: { host: 'example.com', port: '443', path: '/io/' } },
  ),
  'the fields reserved for issue 12': file([
    ws(
      {},
      {
        reconnect: { enabled: true, initialDelayMs: 1000, maxDelayMs: 30000, resetAfterMs: 60000, maxAttempts: 9 },
        proxy: { url: 'http://proxy:3128' },
        tls: {
          pinnedCertificates: [PIN, PIN.replace(/:/g, '').toLowerCase()],
          clientCertificate: { cert: '${workspaceFolder}/client.crt', key: 'client.key', passphrase: '${secret:k}' },
        },
      },
    ),
  ]),
  'reconnect off': file([ws({}, { reconnect: 'off' }), sio({}, { id: 'sio-2', reconnect: { enabled: false } })]),
  'a profile proxy with a secret password, and one without a proxy': file([
    ws({}, { proxy: { url: 'http://me:${secret:proxy-pw}@proxy:3128', noProxy: ['.corp', '10.0.0.0/8'] } }),
    ws({}, { id: 'ws-2', proxy: { mode: 'direct' } }),
    ws({}, { id: 'ws-3', proxy: { url: '${env:HTTPS_PROXY}', mode: 'system' } }),
  ]),
};

export const BAD_FILES: Record<string, string> = {
  'an unknown kind': file([{ ...ws(), connection: { kind: 'mqtt', url: 'ws://a/' } }]),
  'a URL without a scheme': file([ws({ url: 'localhost:8080' })]),
  'an SSE URL with a ws scheme': file([{ id: 'a', name: 'a', connection: { kind: 'sse', url: 'ws://a/' } }]),
  'a header with CR/LF': file([ws({ headers: [['X-A', 'a\r\nX-Injected: 1']] })]),
  'a header that is not a pair': file([ws({ headers: [['X-A']] })]),
  'a header name that is not a token': file([ws({ headers: [['X A', 'b']] })]),
  'a missing URL': file([{ id: 'a', name: 'a', connection: { kind: 'websocket' } }]),
  'an unknown connection field': file([ws({ colour: 'red' })]),
  'an unknown TLS field': file([ws({ tls: { verify: false } })]),
  'a TLS flag that is not a boolean': file([ws({ tls: { rejectUnauthorized: 'no' } })]),
  'a SOCKS proxy': file([ws({}, { proxy: { url: 'socks5://proxy:1080' } })]),
  'an unknown proxy mode': file([ws({}, { proxy: { mode: 'pac' } })]),
  'a direct proxy with a url': file([ws({}, { proxy: { mode: 'direct', url: 'http://proxy:3128' } })]),
  'a noProxy that is not a list': file([ws({}, { proxy: { url: 'http://proxy:3128', noProxy: 'corp' } })]),
  'a CA that is not PEM': file([ws({ tls: { ca: 'not a certificate' } })]),
  'an unknown transport policy': file([sio({ transports: 'websocket' })]),
  'an unknown protocol version': file([sio({ protocolVersion: 5 })]),
  'an unknown parser': file([sio({ parser: 'cbor' })]),
  'a query parameter Engine.IO sets': file([sio({ query: [['EIO', '4']] })]),
  'a path without a leading slash': file([sio({ path: 'socket.io' })]),
  'a namespace without a leading slash': file([sio({ namespaces: [{ name: 'admin' }] })]),
  'namespaces on an Engine.IO connection': file([
    { id: 'e', name: 'e', connection: { kind: 'engineio', url: 'http://a/', namespaces: [] } },
  ]),
  'a heartbeat between 0 and 100 ms': file([ws({ heartbeatIntervalMs: 50 })]),
  'a pong deadline below 100 ms': file([ws({ heartbeatIntervalMs: 20000, heartbeatTimeoutMs: 50 })]),
  'more than 5 redirects': file([ws({ followRedirects: true, maxRedirects: 6 })]),
  'followRedirects that is not a boolean': file([sio({ followRedirects: 'yes' })]),
  'a negative SSE idle timeout': file([
    { id: 's', name: 's', connection: { kind: 'sse', url: 'http://a/', idleTimeoutMs: -1 } },
  ]),
  'a handshake timeout below 100 ms': file([ws({ handshakeTimeoutMs: 50 })]),
  'a subprotocol listed twice': file([ws({ subprotocols: ['chat', 'chat'] })]),
  'an SSE method other than GET or POST': file([
    { id: 's', name: 's', connection: { kind: 'sse', url: 'http://a/', method: 'PUT' } },
  ]),
  'a last event id with a line break': file([
    { id: 's', name: 's', connection: { kind: 'sse', url: 'http://a/', lastEventId: 'a\nb' } },
  ]),
  'a cursor without "to"': file([poll({ cursor: { from: '$.c' } })]),
  'too many retries': file([poll({ retry: { maxRetries: 1000 } })]),
  'a short-poll interval below 100 ms': file([
    { id: 't', name: 't', connection: { kind: 'shortpoll', url: 'http://a/', intervalMs: 10 } },
  ]),
  'version 2': file([ws()], { version: 2 }),
  'no version': JSON.stringify({ profiles: [ws()] }),
  'no profiles': JSON.stringify({ version: 1 }),
  'an unknown top-level field': file([ws()], { extra: 1 }),
  'a variable that is not text': file([ws()], { variables: { port: 8080 } }),
  'a variable name with a space': file([ws()], { variables: { 'my host': 'a' } }),
  'a profile without an id': file([{ name: 'a', connection: { kind: 'websocket', url: 'ws://a/' } }]),
  'a profile without a name': file([{ id: 'a', connection: { kind: 'websocket', url: 'ws://a/' } }]),
  'a blank name': file([ws({}, { name: '   ' })]),
  'an unknown profile field': file([ws({}, { colour: 'red' })]),
  'a reserved field that is not an object': file([ws({}, { reconnect: true })]),
  'reconnect neither "off" nor an object': file([ws({}, { reconnect: 'on' })]),
  'a reconnect delay below its minimum': file([ws({}, { reconnect: { initialDelayMs: 50 } })]),
  'a field reconnect does not have': file([ws({}, { reconnect: { mode: 'backoff' } })]),
  'pinned certificates that are not strings': file([ws({}, { tls: { pinnedCertificates: [1] } })]),
  'a pin that is not a SHA-256 fingerprint': file([ws({}, { tls: { pinnedCertificates: ['AB:CD'] } })]),
  'an unknown field of the profile TLS': file([ws({}, { tls: { pinnedCertificates: [PIN], verify: false } })]),
  'a client certificate with pfx and cert': file([
    ws({}, { tls: { clientCertificate: { pfx: 'a.p12', cert: 'a.crt', key: 'a.key' } } }),
  ]),
  'a client certificate without a key': file([ws({}, { tls: { clientCertificate: { cert: 'a.crt' } } })]),
  'a client certificate passphrase in clear': file([
    ws({}, { tls: { clientCertificate: { pfx: 'a.p12', passphrase: 'hunter2' } } }),
  ]),
  'an unknown client certificate field': file([ws({}, { tls: { clientCertificate: { pfx: 'a.p12', file: 'b' } } })]),
  'a message without a name': file([ws({}, { messages: [{ request: { kind: 'text', text: 'a' } }] })]),
  'a message of an unknown kind': file([ws({}, { messages: [{ name: 'm', request: { kind: 'shout', text: 'a' } }] })]),
  'an emit without "ack"': file([
    sio({}, { messages: [{ name: 'm', request: { kind: 'sio-emit', namespace: '/', event: 'e', args: '[]' } }] }),
  ]),
  'a message with an unknown field': file([
    ws({}, { messages: [{ name: 'm', request: { kind: 'text', text: 'a', loud: true } }] }),
  ]),
};

/**
 * A CONNECT tunnel through an HTTP proxy (RFC 9110 §9.3.6), for every kind of target (ws, wss, http and https
 * polling, SSE): one TCP (or TLS, for an https:// proxy) connection to the proxy, `CONNECT host:port`, and once
 * the proxy answers 2xx the same socket carries the target's bytes. Plain http targets are tunnelled too rather
 * than sent in absolute form, so the target's request line and headers (Authorization, cookies) never reach
 * the proxy as readable HTTP, and every kind of session goes the same way.
 *
 * The proxy's credentials go only into Proxy-Authorization on the CONNECT; nothing of the target's request
 * (userinfo, headers) is in the CONNECT.
 */
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { ErrorCode } from '../errors';
import { readConnectHead } from './connectResponse';
import type { ProxyRoute } from './proxyChoice';
import {
  proxyAuthRequired,
  proxyBadResponse,
  proxyCertificateRefused,
  proxyClosed,
  proxyConnectFailed,
  proxyRefused,
  proxyTimeout,
  proxyUnreachable,
  quoteProxyText,
  NetworkFailure,
  type ProxyIdentity,
} from './proxyErrors';

/** Where the tunnel goes and how long the proxy may take to set it up. */
export interface TunnelRequest {
  route: ProxyRoute;
  /** Target host (name or IP literal, without brackets) and port. */
  host: string;
  port: number;
  /** From opening the connection to the proxy's 2xx; past it the tunnel fails with RI_PROXY_TIMEOUT. */
  timeoutMs: number;
}

/** The proxy as errors name it. */
export function proxyIdentity(route: ProxyRoute): ProxyIdentity {
  const hasCredentials = route.proxy.username !== '' || route.proxy.password !== '';
  return { hostPort: route.proxy.host, source: route.source, hasCredentials };
}

/** `CONNECT host:port HTTP/1.1` with Host and, when the proxy URL has credentials, Proxy-Authorization. */
export function connectRequestHead(route: ProxyRoute, host: string, port: number): string {
  const authority = isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
  const lines = [`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`];
  const { username, password } = route.proxy;
  if (username !== '' || password !== '') {
    const credentials = `${userinfoText(username)}:${userinfoText(password)}`;
    lines.push(`Proxy-Authorization: Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/**
 * A proxy URL's user or password as typed: percent-decoded, or as it stands when it is not valid percent-encoding
 * (`a%zz`): decodeURIComponent throws on that, and here it would throw inside the socket's connect listener.
 */
function userinfoText(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * A host the CONNECT line may name: a name or an IP literal, nothing that could end the line or the request
 * (CR, LF, spaces, controls). The agents hand over parsed hosts; this holds for any other caller too.
 */
const TUNNEL_HOST = /^[A-Za-z0-9._~%:-]+$/;

/** The error for a target that cannot be named in a CONNECT request (nothing is sent to the proxy). */
function badTunnelTarget(host: string): NetworkFailure {
  return new NetworkFailure({
    code: ErrorCode.InvalidOptions,
    message: `The host ${JSON.stringify(quoteProxyText(host))} cannot be named in a CONNECT request: nothing was sent.`,
  });
}

/** An open tunnel and what it took. */
export interface Tunnel {
  socket: Socket;
  /** TCP (and TLS, for an https:// proxy) connect to the proxy, ms. */
  connectMs: number;
  /** CONNECT sent → 2xx, ms. */
  tunnelMs: number;
}

/** Resolves with a socket that carries the target's bytes, or rejects with a NetworkFailure. */
export function openTunnel(request: TunnelRequest): Promise<Tunnel> {
  if (!TUNNEL_HOST.test(request.host)) return Promise.reject(badTunnelTarget(request.host));
  return new Promise<Tunnel>((resolve, reject) => new TunnelHandshake(request, resolve, reject).start());
}

/** One CONNECT exchange: connect to the proxy, send CONNECT, read its answer; settles once. */
class TunnelHandshake {
  private readonly who: ProxyIdentity;
  private readonly socket: Socket;
  private readonly started = performance.now();
  private connectedAt: number | undefined;
  private received = Buffer.alloc(0);
  private settled = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly request: TunnelRequest,
    private readonly resolve: (tunnel: Tunnel) => void,
    private readonly reject: (failure: NetworkFailure) => void,
  ) {
    this.who = proxyIdentity(request.route);
    this.socket = connectToProxy(request.route);
  }

  start(): void {
    const { socket, request } = this;
    this.timer = setTimeout(() => this.fail(proxyTimeout(this.who, request.timeoutMs)), request.timeoutMs);
    socket.once(request.route.proxy.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
      this.connectedAt = performance.now();
      socket.write(connectRequestHead(request.route, request.host, request.port));
    });
    // Paused mode ('readable' + read()), as the tunnel's next owner (Node's http, or TLS) expects to find it:
    // no byte after the head is read here or lost.
    socket.on('readable', this.onReadable);
    socket.on('error', this.onError);
    socket.on('close', this.onClose);
  }

  private readonly onReadable = (): void => {
    let chunk: Buffer | null;
    while (!this.settled && (chunk = this.socket.read() as Buffer | null) !== null) this.onChunk(chunk);
  };

  private readonly onError = (error: Error & { code?: string }): void => {
    const detail = `${error.code ?? 'error'}: ${error.message}`;
    if (this.connectedAt !== undefined) this.fail(proxyClosed(this.who, this.received.length));
    else if (error.code === 'ECONNREFUSED') this.fail(proxyRefused(this.who, detail));
    else if (this.request.route.proxy.protocol === 'https:' && isCertificateError(error.code))
      this.fail(proxyCertificateRefused(this.who, detail));
    else this.fail(proxyUnreachable(this.who, detail));
  };

  private readonly onClose = (): void => this.fail(proxyClosed(this.who, this.received.length));

  private onChunk(chunk: Buffer): void {
    const searchedTo = this.received.length;
    this.received = Buffer.concat([this.received, chunk]);
    const head = readConnectHead(this.received, searchedTo);
    if (head.kind === 'partial') return;
    if (head.kind === 'bad') return this.fail(proxyBadResponse(this.who, head.why));
    if (head.status === 407) return this.fail(proxyAuthRequired(this.who));
    if (head.status < 200 || head.status > 299)
      return this.fail(proxyConnectFailed(this.who, head.status, head.reason));
    this.finish();
    // Bytes the target sent right behind the proxy's head are the target's: give them back to the stream.
    if (head.rest.length) this.socket.unshift(head.rest);
    const connectedAt = this.connectedAt ?? this.started;
    this.resolve({
      socket: this.socket,
      connectMs: connectedAt - this.started,
      tunnelMs: performance.now() - connectedAt,
    });
  }

  private fail(failure: NetworkFailure): void {
    if (this.settled) return;
    this.finish();
    this.socket.destroy();
    this.reject(failure);
  }

  /** Settled: the deadline and our listeners go; the socket belongs to whoever gets it next. */
  private finish(): void {
    this.settled = true;
    clearTimeout(this.timer);
    this.socket.removeListener('readable', this.onReadable);
    this.socket.removeListener('error', this.onError);
    this.socket.removeListener('close', this.onClose);
  }
}

/** Node's codes for a certificate it did not accept (as opposed to a network failure). */
function isCertificateError(code: string | undefined): boolean {
  return code !== undefined && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS_CERT/.test(code);
}

/** TCP to an http:// proxy; TLS (verified unless http.proxyStrictSSL is false) to an https:// one. */
function connectToProxy(route: ProxyRoute): Socket {
  const host = route.proxy.hostname.replace(/^\[|\]$/g, '');
  const secure = route.proxy.protocol === 'https:';
  const port = Number(route.proxy.port || (secure ? 443 : 80));
  if (!secure) return netConnect({ host, port });
  const servername = isIP(host) ? undefined : host;
  return tlsConnect({ host, port, servername, rejectUnauthorized: route.strictSSL });
}

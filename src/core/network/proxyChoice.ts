/**
 * Which proxy a connection goes through (issue 12), decided in one place from everything that may name one:
 * the profile's own `proxy`, VS Code's `http.proxy` / `http.noProxy` / `http.proxySupport`, and the environment
 * (HTTPS_PROXY, HTTP_PROXY, NO_PROXY in either case). Pure: the host reads the settings and the environment,
 * this decides.
 */
import { bypassesProxy, parseNoProxy } from './noProxy';

/** VS Code's `http.proxySupport`: `off` turns every proxy off except a profile's own. */
export type ProxySupport = 'off' | 'on' | 'fallback' | 'override';

/** A profile's `proxy` (profileModel.ts): its own proxy and exceptions, or `mode: "direct"` for none. */
export interface ProfileProxy {
  /** `direct`: never a proxy for this profile; `system` (default): VS Code's and the environment's. */
  mode?: 'direct' | 'system';
  /** The proxy for this profile (`http://user:${secret:…}@proxy:3128`); wins over every other source. */
  url?: string;
  /** Hosts reached directly even with `url` (NO_PROXY forms). */
  noProxy?: string[];
}

/** Everything that may name a proxy, as read by the host. */
export interface ProxySources {
  /** `http.proxy` ('' when unset). */
  vscodeProxy?: string;
  /** `http.noProxy`. */
  vscodeNoProxy?: readonly string[];
  /** `http.proxySupport` (VS Code's default is `override`). */
  proxySupport?: ProxySupport;
  /** `http.proxyStrictSSL`: verify an https:// proxy's own certificate (default true). */
  proxyStrictSSL?: boolean;
  /** The extension host's environment (only the *_PROXY variables are read). */
  env?: Readonly<Record<string, string | undefined>>;
  /** The profile's override, variables already resolved. */
  profile?: ProfileProxy;
}

/** Where the chosen proxy came from, in the words a user sets it with. */
export type ProxySource = 'profile' | 'http.proxy' | 'HTTPS_PROXY' | 'https_proxy' | 'HTTP_PROXY' | 'http_proxy';

/** The proxy for one target. */
export interface ProxyRoute {
  /** The proxy URL, credentials included (they go only into Proxy-Authorization on the CONNECT). */
  proxy: URL;
  source: ProxySource;
  /** Verify an https:// proxy's certificate. */
  strictSSL: boolean;
}

/** The outcome: a route, none (direct), or a proxy setting that cannot be used (said in words). */
export type ProxyDecision =
  | { kind: 'direct'; why?: string }
  | { kind: 'proxy'; route: ProxyRoute }
  | { kind: 'invalid'; source: ProxySource; message: string };

/** The proxy for `target`, by the rules in the file comment (profile, then VS Code, then the environment). */
export function chooseProxy(sources: ProxySources, target: URL): ProxyDecision {
  const strictSSL = sources.proxyStrictSSL !== false;
  const profile = sources.profile;
  if (profile?.mode === 'direct') return { kind: 'direct', why: 'the profile says mode "direct"' };
  if (profile?.url) {
    if (bypassesProxy(profile.noProxy ?? [], target)) return { kind: 'direct', why: "listed in the profile's noProxy" };
    return route(profile.url, 'profile', strictSSL);
  }
  if (sources.proxySupport === 'off') return { kind: 'direct', why: 'http.proxySupport is "off"' };
  const env = sources.env ?? {};
  const noProxy = [...(sources.vscodeNoProxy ?? []), ...parseNoProxy(env.NO_PROXY ?? env.no_proxy)];
  const named = namedProxy(sources.vscodeProxy, env, target);
  if (!named) return { kind: 'direct' };
  if (bypassesProxy(noProxy, target)) return { kind: 'direct', why: 'listed in http.noProxy or NO_PROXY' };
  return route(named.value, named.source, strictSSL);
}

/** VS Code's setting first, then the variables in the order VS Code's own proxy resolver reads them. */
function namedProxy(
  vscodeProxy: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  target: URL,
): { value: string; source: ProxySource } | undefined {
  if (vscodeProxy && vscodeProxy.trim() !== '') return { value: vscodeProxy.trim(), source: 'http.proxy' };
  const secure = target.protocol === 'https:' || target.protocol === 'wss:';
  const names: ProxySource[] = secure
    ? ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']
    : ['HTTP_PROXY', 'http_proxy'];
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { value, source: name };
  }
  return undefined;
}

/** A proxy URL as a route, or why it cannot be one. `proxy:3128` (no scheme) means http://proxy:3128. */
function route(text: string, source: ProxySource, strictSSL: boolean): ProxyDecision {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let proxy: URL;
  try {
    proxy = new URL(withScheme);
  } catch {
    return { kind: 'invalid', source, message: `The proxy in ${sourceLabel(source)} is not a valid URL.` };
  }
  if (proxy.protocol !== 'http:' && proxy.protocol !== 'https:')
    return {
      kind: 'invalid',
      source,
      message:
        `The proxy in ${sourceLabel(source)} uses ${proxy.protocol.replace(/:$/, '')}://, which is not supported: ` +
        'use an http:// or https:// proxy.',
    };
  if (proxy.hostname === '')
    return { kind: 'invalid', source, message: `The proxy in ${sourceLabel(source)} names no host.` };
  return { kind: 'proxy', route: { proxy, source, strictSSL } };
}

/** "http.proxy", "the profile's proxy.url", "HTTPS_PROXY": where a user finds the setting. */
export function sourceLabel(source: ProxySource): string {
  if (source === 'profile') return "the profile's proxy.url";
  return source;
}

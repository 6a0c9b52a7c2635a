/**
 * What may name a proxy, read from VS Code and the environment (issue 12): `http.proxy`, `http.noProxy`,
 * `http.proxyStrictSSL` and `http.proxySupport` from the user's own settings only (a repository's
 * `.vscode/settings.json` must not send the traffic through a proxy of its choosing, trustedSettings.ts), the
 * extension host's *_PROXY variables, and a profile's own proxy. Core decides (core/network/proxyChoice.ts).
 */
import * as vscode from 'vscode';
import type { ProfileProxy, ProxySources, ProxySupport } from '../../core/network/proxyChoice';
import { userValue } from '../trustedSettings';

const SUPPORT_VALUES: readonly ProxySupport[] = ['off', 'on', 'fallback', 'override'];

/** The proxy sources for a session, with the profile's override when it has one. */
export function readProxySources(profile?: ProfileProxy): ProxySources {
  const http = vscode.workspace.getConfiguration('http');
  const proxy = userValue(http.inspect<string>('proxy'), '');
  const noProxy = userValue(http.inspect<string[]>('noProxy'), []);
  const support = userValue(http.inspect<string>('proxySupport'), 'override');
  const sources: ProxySources = {
    vscodeProxy: typeof proxy === 'string' ? proxy : '',
    vscodeNoProxy: Array.isArray(noProxy) ? noProxy.filter((entry) => typeof entry === 'string') : [],
    proxySupport: (SUPPORT_VALUES as readonly string[]).includes(support) ? (support as ProxySupport) : 'override',
    proxyStrictSSL: userValue(http.inspect<boolean>('proxyStrictSSL'), true) !== false,
    env: proxyEnvironment(process.env),
  };
  if (profile) sources.profile = profile;
  return sources;
}

/** Only the variables that name proxies: nothing else of the environment is kept. */
function proxyEnvironment(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const names = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];
  return Object.fromEntries(names.filter((name) => env[name] !== undefined).map((name) => [name, env[name]]));
}

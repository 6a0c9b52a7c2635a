// An esbuild plugin for the bundles that run in VS Code's extension host (issue 12, follow-up I): inside ws's
// lib/websocket.js, `require('http')` and `require('https')` become src/core/network/unpatchedRequest.ts's
// `unpatchedHttp` / `unpatchedHttps`. ws makes its handshake request with `https.request(opts)` read from that
// module object, which VS Code's proxy support replaces with a function that swaps our agent for its own (see the
// comment in unpatchedRequest.ts); ws offers no option to make the request itself. websocket.js calls nothing else
// on those two modules. The build fails when ws no longer requires them there, so the substitution cannot quietly
// stop happening on a ws upgrade.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const unpatchedRequest = join(root, 'src/core/network/unpatchedRequest.ts');
const WS_CLIENT = /[\\/]node_modules[\\/]ws[\\/]lib[\\/]websocket\.js$/;
const NAMESPACE = 'ri-unpatched-http';

/** The plugin; `name` shows in esbuild's errors. */
export const wsUnpatchedHttp = {
  name: 'ws-unpatched-http',
  setup(build) {
    const replaced = new Set();
    build.onStart(() => replaced.clear());
    build.onResolve({ filter: /^(node:)?https?$/ }, (args) => {
      if (!WS_CLIENT.test(args.importer)) return undefined;
      const scheme = args.path.replace(/^node:/, '');
      replaced.add(scheme);
      return { path: scheme, namespace: NAMESPACE };
    });
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(unpatchedRequest)}).${
        args.path === 'https' ? 'unpatchedHttps' : 'unpatchedHttp'
      };`,
      resolveDir: root,
      loader: 'js',
    }));
    build.onEnd((result) => {
      if (result.errors.length || (replaced.has('http') && replaced.has('https'))) return undefined;
      const text = "ws's lib/websocket.js no longer requires 'http' and 'https': update scripts/wsUnpatchedHttp.mjs";
      return { errors: [{ text }] };
    });
  },
};

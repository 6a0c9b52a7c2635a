// `npm run demo`: starts the demo server, builds the extension, and opens a VS Code with it loaded
// (the desktop `code` when on PATH, otherwise code-server on 127.0.0.1, whose URL is printed).
// Runs until Ctrl+C, then stops everything it started.
//
//   node scripts/demo.mjs                 demo server + build + editor
//   node scripts/demo.mjs --server-only   just the demo server
//
// Env: RI_DEMO_PORT (8765), RI_DEMO_HOST (127.0.0.1), RI_DEMO_EDITOR_PORT (8766), RI_DEMO_USE_CODE_SERVER=1.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const serverOnly = process.argv.includes('--server-only');
const host = process.env.RI_DEMO_HOST || '127.0.0.1';
const port = Number(process.env.RI_DEMO_PORT || 8765);

/** Children run TypeScript through tsx; they stay in our process group, so Ctrl+C reaches them too. */
const children = new Set();
function startTs(file) {
  const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: root, stdio: 'inherit' });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

/** Stops every child (each stops what it started: the editor launcher stops code-server's group), then exits. */
let shuttingDown = false;
function shutdown(exitCode) {
  if (shuttingDown) return; // Ctrl+C, then a child exiting because of it: one shutdown
  shuttingDown = true;
  if (children.size === 0) process.exit(exitCode);
  const force = setTimeout(() => {
    for (const child of children) child.kill('SIGKILL');
    process.exit(exitCode);
  }, 15_000);
  for (const child of children) {
    child.once('exit', () => {
      if (children.size === 0) {
        clearTimeout(force);
        process.exit(exitCode);
      }
    });
    child.kill('SIGTERM');
  }
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

function listening(timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve) => {
    const attempt = () => {
      const socket = connect(port, host, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => (Date.now() > deadline ? resolve(false) : setTimeout(attempt, 200)));
    };
    attempt();
  });
}

const demoServer = startTs('demo/server.ts');
demoServer.on('exit', (code) => {
  console.log(`demo server exited (${code ?? 'signal'})`);
  shutdown(code || 1);
});
if (!(await listening(20_000))) {
  console.error(`the demo server did not start listening on ${host}:${port}`);
  shutdown(1);
} else if (serverOnly) {
  console.log('\nDemo server only. Press Ctrl+C to stop.');
} else {
  console.log('\nBuilding the extension…');
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('build failed');
    shutdown(1);
  } else {
    const editor = startTs('demo/openEditor.ts');
    editor.on('exit', (code) => {
      if (code) shutdown(code);
    });
  }
}

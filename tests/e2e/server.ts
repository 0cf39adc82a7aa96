// Locating, starting and stopping the Kefu server binary for the browser tests.

import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const port = Number(process.env['KEFU_E2E_PORT'] ?? '18080');
export const baseURL = `http://127.0.0.1:${port}`;

const READY_TIMEOUT_MS = 30_000;

/** KEFU_BIN, else the first existing of build/dev/kefu and build/release/kefu. */
export function findBinary(): string {
  const fromEnv = process.env['KEFU_BIN'];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`KEFU_BIN=${fromEnv} does not exist`);
    return fromEnv;
  }
  const candidates = ['build/dev/kefu', 'build/release/kefu'].map((p) => join(repoRoot, p));
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(`Kefu server binary not found (tried ${candidates.join(', ')}); build it or set KEFU_BIN`);
  }
  return found;
}

export interface RunningServer {
  process: ChildProcess;
  dataDir: string;
  logFile: string;
  stop(): Promise<void>;
}

/** Start `kefu serve --demo` on a fresh data directory and wait for its "listening on" line. */
export async function startServer(): Promise<RunningServer> {
  const bin = findBinary();
  const webRoot = process.env['KEFU_WEB_ROOT'] ?? join(repoRoot, 'web/dist');
  if (!existsSync(join(webRoot, 'widget.js')) || !existsSync(join(webRoot, 'agent/index.html'))) {
    throw new Error(`${webRoot} is not built: run "npm ci && npm run build" in web/ first`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-e2e-'));
  const logFile = join(dataDir, 'server.log');
  const log = createWriteStream(logFile);
  const args = ['serve', '--demo', '--data', dataDir, '--listen', `127.0.0.1:${port}`, '--web-root', webRoot];
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });

  const ready = new Promise<void>((resolveReady, rejectReady) => {
    let seen = '';
    const timer = setTimeout(
      () => rejectReady(new Error(`server did not print "listening on" within ${READY_TIMEOUT_MS} ms; log: ${logFile}`)),
      READY_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      log.write(chunk);
      seen = (seen + chunk.toString('utf8')).slice(-4096);
      if (/listening on http:\/\/\S+/.test(seen)) {
        clearTimeout(timer);
        resolveReady();
      }
    };
    // Keep draining both pipes for the whole run so the server never blocks on output.
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      rejectReady(new Error(`server exited early (code ${code}, signal ${signal}); log: ${logFile}`));
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      rejectReady(err);
    });
  });

  try {
    await ready;
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5_000));
      if ((await Promise.race([exited, timeout])) === 'timeout') {
        child.kill('SIGKILL');
        await exited;
      }
    }
    log.end();
    if (!process.env['KEFU_E2E_KEEP_DATA']) rmSync(dataDir, { recursive: true, force: true });
  };
  return { process: child, dataDir, logFile, stop };
}

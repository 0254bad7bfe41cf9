import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const PROJECT_ROOT = resolve(__dirname, '..', '..', '..');
export const MAIN_JS = join(PROJECT_ROOT, 'dist', 'src', 'main.js');
/** Set explicitly so the suite does not depend on the default. */
export const DEMO_PASSWORD = 'wardworks-demo';

export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunningServer {
  baseUrl: string;
  port: number;
  dataDir: string;
  logFile: string;
  child: ChildProcess;
  /** Resolves when the process has exited, however that happened. */
  exited: Promise<ServerExit>;
  /** The last part of what the server printed (stdout and stderr), for failure messages. */
  output(maxChars?: number): string;
  /** SIGTERM, then SIGKILL if still running after `graceMs`. Removes the data directory. */
  stop(graceMs?: number): Promise<ServerExit>;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function healthy(baseUrl: string): Promise<boolean> {
  try {
    const res = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2000) });
    return res.status === 200;
  } catch {
    return false;
  }
}

/**
 * Starts the BUILT server (`node dist/src/main.js`, as `npm start` does) on a free port, with
 * its own temporary SQLite database and demo data, and waits until GET /health answers 200.
 * DATABASE_URL is removed from the child's environment: browser tests always run on a fresh
 * SQLite file, even when the calling shell points at PostgreSQL.
 */
export async function startServer(extraEnv: Record<string, string> = {}, timeoutMs = 90_000): Promise<RunningServer> {
  if (!existsSync(MAIN_JS)) throw new Error(`${MAIN_JS} is missing: run "npm run build" first (npm run test:browser does).`);
  let lastError: unknown;
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await startOnce(await freePort(), extraEnv, timeoutMs);
    } catch (err) {
      lastError = err;
      // Another process took the port between probing and listening: try a new one.
      if (!(err instanceof Error && /EADDRINUSE/.test(err.message))) throw err;
    }
  }
  throw lastError;
}

async function startOnce(port: number, extraEnv: Record<string, string>, timeoutMs: number): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ww-browser-'));
  const logFile = join(dataDir, 'server.log');
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'DATABASE_SCHEMA', 'SESSION_SECRET', 'NODE_OPTIONS']) delete env[name];
  Object.assign(env, {
    NODE_ENV: 'development',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO_DATA: 'true',
    DEMO_PASSWORD,
    LOG_LEVEL: 'warn',
    // Every demo user signs in several times within a minute; the per-address limit is not under test here.
    SIGN_IN_RATE_LIMIT: '1000',
    PUBLIC_RATE_LIMIT: '10000',
    ...extraEnv,
  });

  const child = spawn(process.execPath, [MAIN_JS], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(logFile);
  let buffer = '';
  const keep = (chunk: Buffer) => {
    log.write(chunk);
    buffer = (buffer + chunk.toString('utf8')).slice(-200_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);

  let exit: ServerExit | undefined;
  const exited = new Promise<ServerExit>((resolveExit) => {
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      resolveExit(exit);
    });
  });
  const output = (maxChars = 6000) => buffer.slice(-maxChars);
  const baseUrl = `http://127.0.0.1:${port}`;

  const stop = async (graceMs = 10_000): Promise<ServerExit> => {
    if (!exit) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    }
    log.end();
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
    return exit!;
  };

  const deadline = Date.now() + timeoutMs;
  while (!(await healthy(baseUrl))) {
    if (exit) {
      const result = exit as ServerExit;
      log.end();
      throw new Error(`The server exited before it was healthy (code ${result.code}, signal ${result.signal}). Output:\n${output()}`);
    }
    if (Date.now() > deadline) {
      await stop(2000);
      throw new Error(`The server did not answer GET /health with 200 within ${timeoutMs} ms. Output:\n${output()}`);
    }
    await sleep(200);
  }
  return { baseUrl, port, dataDir, logFile, child, exited, output, stop };
}

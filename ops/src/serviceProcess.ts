import { spawn } from 'node:child_process';
import { openSync, closeSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/** A service the stack started: everything needed to reach it and to stop it by its process id. */
export interface ServiceHandle<S extends Record<string, string> = Record<string, string>> {
  readonly name: string;
  readonly pid: number;
  readonly dataDir: string;
  readonly logFile: string;
  readonly readyMs: number;
  readonly settings: S;
}

export interface LaunchOptions {
  name: string;
  command: string;
  args: string[];
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Starts a service in its own process group (so stopping it also stops its children), logging to a file. */
export function launch(options: LaunchOptions): { pid: number; logFile: string } {
  const logFile = join(options.dataDir, `${options.name}.log`);
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(options.command, options.args, {
      cwd: options.cwd ?? options.dataDir,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', fd, fd],
      detached: true,
    });
    if (child.pid === undefined) throw new Error(`${options.name}: could not start ${options.command}`);
    child.unref();
    return { pid: child.pid, logFile };
  } finally {
    closeSync(fd);
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it answers true; fails early with the log tail if the process dies. */
export async function waitUntilReady(
  name: string,
  pid: number,
  logFile: string,
  probe: () => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) throw new Error(`${name} exited before it was ready:\n${logTail(logFile)}`);
    if (await probe().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`${name} was not ready within ${timeoutMs} ms:\n${logTail(logFile)}`);
}

export function logTail(logFile: string, lines = 30): string {
  if (!existsSync(logFile)) return '(no log)';
  return readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');
}

/** Stops a process group: SIGTERM, then SIGKILL after the grace period. Resolves once nothing is left. */
export async function stopProcessGroup(pid: number, graceMs = 10_000): Promise<void> {
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      try {
        process.kill(pid, signal);
      } catch {
        /* already gone */
      }
    }
  };
  if (!groupAlive(pid)) return;
  signalGroup('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!groupAlive(pid)) return;
    await sleep(50);
  }
  signalGroup('SIGKILL');
  while (groupAlive(pid)) await sleep(50);
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return isAlive(pid);
  }
}

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
  /** The watchdog that stops this service if its owner dies (absent for a developer's long-lived stack). */
  readonly watchdogPid?: number;
}

let ownerPid: number | undefined;

/** From now on every launched service is stopped by a watchdog as soon as `pid` (the test runner) dies. */
export function bindServicesToOwner(pid: number): void {
  ownerPid = pid;
}

export interface LaunchOptions {
  name: string;
  command: string;
  args: string[];
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Run as another user (PostgreSQL will not run as root). */
  uid?: number;
  gid?: number;
}

/** Starts a service in its own process group (so stopping it also stops its children), logging to a file. */
export function launch(options: LaunchOptions): { pid: number; logFile: string; watchdogPid?: number } {
  const logFile = join(options.dataDir, `${options.name}.log`);
  const fd = openSync(logFile, 'a', 0o666);
  try {
    const child = spawn(options.command, options.args, {
      cwd: options.cwd ?? options.dataDir,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', fd, fd],
      detached: true,
      ...(options.uid !== undefined ? { uid: options.uid } : {}),
      ...(options.gid !== undefined ? { gid: options.gid } : {}),
    });
    if (child.pid === undefined) throw new Error(`${options.name}: could not start ${options.command}`);
    child.unref();
    const watchdogPid =
      ownerPid === undefined ? undefined : startWatchdog(ownerPid, child.pid, options.dataDir);
    return { pid: child.pid, logFile, ...(watchdogPid === undefined ? {} : { watchdogPid }) };
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

/**
 * A detached shell that outlives a crashed or killed test runner: when the owner process is gone it stops the
 * service's process group and removes its data folder, so no process or port is left behind.
 */
function startWatchdog(owner: number, servicePid: number, dataDir: string): number | undefined {
  const script = [
    `while kill -0 ${owner} 2>/dev/null; do sleep 1; done`,
    `kill -TERM -${servicePid} 2>/dev/null`,
    'for i in 1 2 3 4 5 6 7 8 9 10; do',
    `  kill -0 -${servicePid} 2>/dev/null || break`,
    '  sleep 1',
    'done',
    `kill -KILL -${servicePid} 2>/dev/null`,
    `rm -rf '${dataDir.replace(/'/g, "'\\''")}'`,
  ].join('\n');
  const watchdog = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  watchdog.unref();
  return watchdog.pid;
}

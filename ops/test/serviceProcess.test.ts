import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bindServicesToOwner,
  isAlive,
  launch,
  stopProcessGroup,
  waitUntilReady,
} from '../src/serviceProcess';
import { makeDataDir } from '../src/serviceDirs';
import { stopService } from '../src/localStack';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await sleep(100);
  }
  return check();
}

describe('service processes', () => {
  it('stops the whole process group, children included', async () => {
    const dataDir = makeDataDir('unit');
    // A shell whose child would survive a plain kill of the shell.
    const { pid, logFile } = launch({
      name: 'tree',
      command: 'sh',
      args: ['-c', 'sleep 300 & echo child $!; wait'],
      dataDir,
    });
    await waitUntilReady('tree', pid, logFile, async () => /child \d+/.test(readFileSync(logFile, 'utf8')));
    const childPid = Number(/child (\d+)/.exec(readFileSync(logFile, 'utf8'))![1]);
    expect(isAlive(childPid)).toBe(true);
    await stopService({ pid, dataDir });
    expect(isAlive(pid)).toBe(false);
    expect(isAlive(childPid)).toBe(false);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('fails fast with the log tail when a service dies before it is ready', async () => {
    const dataDir = makeDataDir('unit');
    const { pid, logFile } = launch({
      name: 'broken',
      command: 'sh',
      args: ['-c', 'echo boom-reason; exit 3'],
      dataDir,
    });
    await expect(waitUntilReady('broken', pid, logFile, async () => false, 10_000)).rejects.toThrow(
      /boom-reason/,
    );
    await stopService({ pid, dataDir });
  });

  it('a watchdog stops the service and removes its data when the owner is killed', async () => {
    const owner = spawn('sleep', ['300'], { stdio: 'ignore' });
    bindServicesToOwner(owner.pid!);
    const dataDir = makeDataDir('unit');
    const { pid, watchdogPid } = launch({ name: 'orphan', command: 'sleep', args: ['300'], dataDir });
    expect(watchdogPid).toBeDefined();
    expect(isAlive(pid)).toBe(true);
    owner.kill('SIGKILL');
    expect(await eventually(() => !isAlive(pid), 8_000)).toBe(true);
    expect(await eventually(() => !existsSync(dataDir), 4_000)).toBe(true);
    expect(await eventually(() => !isAlive(watchdogPid!), 4_000)).toBe(true);
    await stopProcessGroup(pid);
  });
});

import { existsSync } from 'node:fs';
import { launch, waitUntilReady, type ServiceHandle } from '../serviceProcess';
import { makeDataDir } from '../serviceDirs';

function freeDisplay(): number {
  for (let n = 99; n < 200; n++) {
    if (!existsSync(`/tmp/.X${n}-lock`) && !existsSync(`/tmp/.X11-unix/X${n}`)) return n;
  }
  throw new Error('no free X display between :99 and :199');
}

/** Starts an Xvfb virtual display (no TCP listener) for headful Chromium. */
export async function startXvfb(): Promise<ServiceHandle<{ display: string }>> {
  const started = Date.now();
  const dataDir = makeDataDir('xvfb');
  const n = freeDisplay();
  const { pid, logFile, watchdogPid } = launch({
    name: 'xvfb',
    command: 'Xvfb',
    args: [`:${n}`, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'],
    dataDir,
  });
  await waitUntilReady('xvfb', pid, logFile, async () => existsSync(`/tmp/.X11-unix/X${n}`), 20_000);
  return {
    name: 'xvfb',
    pid,
    dataDir,
    logFile,
    readyMs: Date.now() - started,
    ...(watchdogPid === undefined ? {} : { watchdogPid }),
    settings: { display: `:${n}` },
  };
}

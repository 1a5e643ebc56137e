import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../freePort';
import { launch, waitUntilReady, type ServiceHandle } from '../serviceProcess';
import { makeDataDir } from '../serviceDirs';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export type CloudServiceName = 'api' | 'bridge' | 'analyzer' | 'reconciler';

export interface CloudServiceOptions {
  env: Record<string, string>;
  /** Fixed port (e.g. to restart on the same address); a free one otherwise. */
  port?: number;
}

/**
 * Starts one of our cloud services from source with tsx and waits for its `READY <name> <url>` line.
 * Each service has its own HTTP port, on which it also serves /metrics.
 */
export async function startCloudService(
  name: CloudServiceName,
  options: CloudServiceOptions,
): Promise<ServiceHandle<{ url: string; port: string }>> {
  const started = Date.now();
  const dataDir = makeDataDir(name);
  const port = options.port ?? (await freePort());
  const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
  const { pid, logFile, watchdogPid } = launch({
    name,
    command: tsx,
    args: [join(repoRoot, 'cloud', name, 'src', 'main.ts')],
    cwd: repoRoot,
    dataDir,
    env: { ...options.env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production' },
  });
  let url = '';
  await waitUntilReady(
    name,
    pid,
    logFile,
    async () => {
      const match = new RegExp(`^READY ${name} (\\S+)`, 'm').exec(readFileSync(logFile, 'utf8'));
      if (match) url = match[1]!;
      return match !== null;
    },
    90_000,
  );
  return {
    name,
    pid,
    dataDir,
    logFile,
    readyMs: Date.now() - started,
    ...(watchdogPid === undefined ? {} : { watchdogPid }),
    settings: { url, port: String(port) },
  };
}

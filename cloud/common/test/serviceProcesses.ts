import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { StackSettings } from '../../../ops/src/stackSettings';

// Starts a cloud service's real entry point (src/main.ts under tsx) as its own process, as the stack does,
// and waits for its `READY <name> <url>` line.

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface ServiceProcess {
  name: string;
  url: string;
  pid: number;
  output: () => string;
  /** Sends a signal to the whole process group and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function stackEnv(services: StackSettings, databaseUrl: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: services.kafka.brokers,
    S3_ENDPOINT: services.s3.endpoint,
    S3_REGION: services.s3.region,
    S3_ACCESS_KEY_ID: services.s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: services.s3.secretAccessKey,
    S3_BUCKET: services.s3.bucket,
    S3_EVENTS_TOPIC: services.s3.eventTopic,
    LOG_LEVEL: 'warn',
  };
}

export async function startService(
  name: 'api' | 'bridge' | 'analyzer' | 'reconciler',
  env: Record<string, string>,
  timeoutMs = 90_000,
): Promise<ServiceProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', `cloud/${name}/src/main.ts`], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} not ready in ${timeoutMs} ms:\n${log}`)),
      timeoutMs,
    );
    const onData = () => {
      const match = new RegExp(`^READY ${name} (\\S+)$`, 'm').exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${name} exited before it was ready:\n${log}`));
    });
  });
  return {
    name,
    url,
    pid: child.pid!,
    output: () => log,
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid!, signal);
      } catch {
        return;
      }
      await exited;
    },
  };
}

// `pnpm stack up|down|status`: the developer's one-machine stack, remembered in .run/stack.json for `down`.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAlive } from './serviceProcess';
import { startInfrastructure, stopServices } from './localStack';
import { startCloudServices, type CloudStackSettings } from './cloudStack';
import type { ServiceHandle } from './serviceProcess';
import type { StackSettings } from './stackSettings';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const stateFile = join(repoRoot, '.run', 'stack.json');

interface StackState {
  settings: StackSettings;
  cloud?: CloudStackSettings;
  services: { name: string; pid: number; dataDir: string; logFile: string }[];
}

function readState(): StackState | undefined {
  if (!existsSync(stateFile)) return undefined;
  return JSON.parse(readFileSync(stateFile, 'utf8')) as StackState;
}

/** Lines a shell can `eval` or a `.env` file can hold; secrets included, so this goes to the terminal only. */
function settingsLines(settings: StackSettings, cloud?: CloudStackSettings): string[] {
  const cloudLines = cloud
    ? [`API_URL=${cloud.apiUrl}`, `BRIDGE_URL=${cloud.bridgeUrl}`, `BRIDGE_TOKEN=${cloud.bridgeToken}`]
    : [];
  return [
    ...cloudLines,
    `KAFKA_BROKERS=${settings.kafka.brokers}`,
    `S3_ENDPOINT=${settings.s3.endpoint}`,
    `S3_REGION=${settings.s3.region}`,
    `S3_BUCKET=${settings.s3.bucket}`,
    `S3_ACCESS_KEY_ID=${settings.s3.accessKeyId}`,
    `S3_SECRET_ACCESS_KEY=${settings.s3.secretAccessKey}`,
    `S3_EVENT_TOPIC=${settings.s3.eventTopic}`,
    `DATABASE_URL=${settings.postgres.url}`,
    `PROMETHEUS_URL=${settings.prometheus.url}`,
    `ALERTMANAGER_URL=${settings.alertmanager.url}`,
  ];
}

async function up(): Promise<void> {
  const existing = readState();
  if (existing && existing.services.some((s) => isAlive(s.pid))) {
    console.error('the stack is already up (pnpm stack status); run `pnpm stack down` first');
    process.exitCode = 1;
    return;
  }
  const infraOnly = process.argv.includes('--infra-only');
  const stack = await startInfrastructure();
  const services: ServiceHandle[] = [...stack.services];
  const save = (cloud?: CloudStackSettings) => {
    mkdirSync(dirname(stateFile), { recursive: true });
    const state: StackState = {
      settings: stack.settings,
      ...(cloud ? { cloud } : {}),
      services: services.map(({ name, pid, dataDir, logFile }) => ({ name, pid, dataDir, logFile })),
    };
    writeFileSync(stateFile, JSON.stringify(state, null, 2), { mode: 0o600 });
  };
  save();
  let cloud: CloudStackSettings | undefined;
  if (!infraOnly) {
    try {
      cloud = await startCloudServices(stack.settings, (handle) => {
        services.push(handle);
        save();
      });
    } catch (error) {
      console.error(`a cloud service failed to start; stopping the stack: ${String(error)}`);
      await stopServices(services);
      rmSync(stateFile, { force: true });
      process.exitCode = 1;
      return;
    }
    save(cloud);
  }
  for (const s of services)
    console.error(`${s.name} ready in ${s.readyMs} ms (pid ${s.pid}, log ${s.logFile})`);
  console.log(settingsLines(stack.settings, cloud).join('\n'));
}

async function down(): Promise<void> {
  const state = readState();
  if (!state) {
    console.error('no stack is recorded in .run/stack.json: nothing to stop');
    return;
  }
  await stopServices(state.services);
  rmSync(stateFile, { force: true });
  console.error(`stopped ${state.services.map((s) => `${s.name} (pid ${s.pid})`).join(', ')}`);
}

function status(): void {
  const state = readState();
  if (!state) {
    console.log('down');
    return;
  }
  for (const s of state.services)
    console.log(`${s.name}\tpid ${s.pid}\t${isAlive(s.pid) ? 'running' : 'DEAD'}`);
  console.log(settingsLines(state.settings, state.cloud).join('\n'));
}

const command = process.argv[2];
const commands: Record<string, () => Promise<void> | void> = { up, down, status };
const handler = command ? commands[command] : undefined;
if (!handler) {
  console.error('usage: pnpm stack up [--infra-only] | down | status');
  process.exitCode = 2;
} else {
  await handler();
}

import { stopProcessGroup, type ServiceHandle } from './serviceProcess';
import { removeDataDir } from './serviceDirs';
import { startKafka } from './services/kafka';
import { startPostgres } from './services/postgres';
import { startS3 } from './services/s3';
import { startAlertmanager, startPrometheus } from './services/prometheus';
import type { StackSettings } from './stackSettings';

/** Topics the pipeline uses, created before anything produces to them. */
export const STACK_TOPICS = {
  s3ObjectEvents: 's3-object-events',
  uploadEvents: 'upload-events',
  uploadResults: 'upload-results',
  uploadDeadLetters: 'upload-dead-letters',
} as const;

export interface RunningStack {
  settings: StackSettings;
  services: ServiceHandle[];
}

/** Stops one service by its process id, its watchdog with it, and removes its data folder. */
export async function stopService(
  handle: Pick<ServiceHandle, 'pid' | 'dataDir' | 'watchdogPid'>,
): Promise<void> {
  if (handle.watchdogPid !== undefined) {
    try {
      process.kill(handle.watchdogPid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  await stopProcessGroup(handle.pid);
  removeDataDir(handle.dataDir);
}

export async function stopServices(
  handles: readonly Pick<ServiceHandle, 'pid' | 'dataDir' | 'watchdogPid'>[],
): Promise<void> {
  // Stop in reverse start order so producers go before the broker they write to.
  for (const handle of [...handles].reverse()) await stopService(handle);
}

/** Starts Kafka, the S3 server, PostgreSQL, Prometheus and Alertmanager; on any failure stops what started. */
export async function startInfrastructure(): Promise<RunningStack> {
  const started: ServiceHandle[] = [];
  const track = <T extends ServiceHandle>(promise: Promise<T>): Promise<T> =>
    promise.then((handle) => {
      started.push(handle);
      return handle;
    });
  try {
    const [kafka, postgres, prometheus, alertmanager] = await Promise.all([
      track(
        startKafka({
          topics: {
            [STACK_TOPICS.s3ObjectEvents]: 3,
            [STACK_TOPICS.uploadEvents]: 12,
            [STACK_TOPICS.uploadResults]: 3,
            [STACK_TOPICS.uploadDeadLetters]: 1,
          },
        }),
      ),
      track(startPostgres()),
      track(startPrometheus()),
      track(startAlertmanager()),
    ]);
    const s3 = await track(
      startS3({ kafkaBrokers: kafka.settings.brokers, eventTopic: STACK_TOPICS.s3ObjectEvents }),
    );
    return {
      services: started,
      settings: {
        kafka: kafka.settings,
        s3: s3.settings,
        postgres: postgres.settings,
        prometheus: prometheus.settings,
        alertmanager: alertmanager.settings,
      },
    };
  } catch (error) {
    // Promise.all rejects on the first failure while others may still be starting: let them settle first.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await stopServices(started);
    throw error;
  }
}

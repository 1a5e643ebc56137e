import '../../../ops/test/support/providedContext';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it, onTestFailed } from 'vitest';
import { CreateUploadResponseSchema, UploadViewSchema, type UploadView } from '@orak/core';
import type { Pool } from '@orak/cloud-common';
import { restartKafka, startKafka, stopKafkaBroker, type KafkaHandle } from '../../../ops/src/services/kafka';
import { startS3 } from '../../../ops/src/services/s3';
import { stopService } from '../../../ops/src/localStack';
import { isAlive, type ServiceHandle } from '../../../ops/src/serviceProcess';
import type { S3Settings } from '../../../ops/src/stackSettings';
import { createTestDatabase } from '../../common/test/testDatabase';
import { melodyWav } from '../../common/test/wavFixture';
import { stackEnv, startService, type ServiceProcess } from '../../common/test/serviceProcesses';

// Kafka stopped and restarted while takes are in flight: nothing is lost and nothing is done twice. This file
// runs its OWN broker (and an S3 server publishing to it), so stopping it leaves the shared one alone. The
// services are the real processes; they must find their way back to the broker on their own.

const services = inject('services');
let pool: Pool;
let drop: () => Promise<void>;
let kafka: KafkaHandle;
let s3: ServiceHandle<S3Settings & Record<string, string>>;
let running: ServiceProcess[] = [];
let api: ServiceProcess;
let token: string;
const melody = [50, 52, 54, 55, 57, 59, 61, 62, 64, 62, 59, 55, 50];
// 40 seconds: long enough that analyses are still running when the broker goes away.
const take = melodyWav({
  midiNotes: Array.from({ length: 40 }, (_, i) => melody[i % melody.length]!),
  noteSec: 1,
});

beforeAll(async () => {
  kafka = await startKafka({
    topics: { 's3-object-events': 3, 'upload-events': 6, 'upload-results': 3, 'upload-dead-letters': 1 },
  });
  s3 = await startS3({ kafkaBrokers: kafka.settings.brokers, eventTopic: 's3-object-events' });
  let url: string;
  ({ pool, drop, url } = await createTestDatabase(services.postgres.url));
  const env = {
    ...stackEnv({ ...services, kafka: kafka.settings, s3: s3.settings }, url),
    KAFKA_PARTITIONS: '6',
  };
  running = await Promise.all([
    startService('api', env),
    startService('bridge', { ...env, BRIDGE_TOKEN: randomUUID() }),
    startService('analyzer', { ...env, ANALYZER_SESSION_TIMEOUT_MS: '10000' }),
    // Notifications versitygw could not deliver while Kafka was down are lost: the reconciler finds the objects.
    startService('reconciler', { ...env, RECONCILE_INTERVAL_SEC: '2', RECONCILE_STUCK_SEC: '8' }),
  ]);
  api = running[0]!;
  const response = await fetch(`${api.url}/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `outage-${randomUUID()}@example.com`, password: 'karaoke-outage-1' }),
  });
  token = ((await response.json()) as { token: string }).token;
}, 240_000);

beforeEach(() => {
  onTestFailed(() => {
    for (const service of running) {
      console.log(`--- ${service.name} output (tail) ---\n${service.output().slice(-5000)}`);
    }
  });
});

afterAll(async () => {
  await Promise.allSettled(running.map((service) => service.kill()));
  if (s3) await stopService(s3);
  if (kafka) await stopService(kafka);
  await drop?.();
});

async function uploadTake(): Promise<string> {
  const response = await fetch(`${api.url}/v1/uploads`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ fileName: 'take.wav', contentType: 'audio/wav', sizeBytes: take.length }),
  });
  const created = CreateUploadResponseSchema.parse(await response.json());
  const put = await fetch(created.request.url, {
    method: created.request.method,
    headers: created.request.headers,
    body: new Uint8Array(take),
  });
  expect(put.status).toBe(200);
  return created.uploadId;
}

async function view(uploadId: string): Promise<UploadView> {
  const response = await fetch(`${api.url}/v1/uploads/${uploadId}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return UploadViewSchema.parse(await response.json());
}

const TERMINAL = ['COMPLETED', 'REJECTED', 'FAILED', 'EXPIRED'];

describe('Kafka stopped and restarted during work', () => {
  it('loses nothing: every take ends COMPLETED exactly once', async () => {
    const before = await Promise.all([uploadTake(), uploadTake(), uploadTake(), uploadTake()]);
    // Stop the broker once the pipeline is visibly at work on them.
    await expect
      .poll(async () => (await Promise.all(before.map(view))).some((v) => v.state !== 'REQUESTED'), {
        timeout: 30_000,
        interval: 50,
      })
      .toBe(true);
    const atStop = await Promise.all(before.map(view));
    await stopKafkaBroker(kafka);
    const stoppedAt = Date.now();
    const during = [await uploadTake(), await uploadTake(), await uploadTake()];
    // Long enough for every service to notice: failed fetches, heartbeats, produce retries.
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    kafka = await restartKafka(kafka);
    const downMs = Date.now() - stoppedAt;

    const all = [...before, ...during];
    const deadline = Date.now() + 180_000;
    let views: UploadView[] = [];
    for (;;) {
      views = await Promise.all(all.map(view));
      if (views.every((v) => TERMINAL.includes(v.state)) || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const recoveredMs = Date.now() - stoppedAt;
    console.log(
      `Kafka down ${(downMs / 1000).toFixed(1)} s; states at stop: ${atStop.map((v) => v.state).join(', ')}; ` +
        `all ${all.length} terminal ${(recoveredMs / 1000).toFixed(1)} s after the stop; UPLOADED by: ` +
        views.map((v) => v.history.find((h) => h.state === 'UPLOADED')?.actor ?? 'none').join(', '),
    );
    expect(views.map((v) => v.state)).toEqual(all.map(() => 'COMPLETED'));
    // The same processes did it all: each found its way back to the broker without being restarted.
    for (const service of running) expect(isAlive(service.pid), service.name).toBe(true);
    for (const done of views) {
      const states = done.history.map((h) => h.state);
      expect(states.filter((s) => s === 'COMPLETED')).toHaveLength(1);
      expect(states.filter((s) => s === 'ANALYZED')).toHaveLength(1);
      expect(done.analysis?.range.lowest.midi).toBe(50);
      expect(done.analysis?.range.highest.midi).toBe(64);
    }
    const { rows } = await pool.query<{ upload_id: string; n: number }>(
      'SELECT upload_id, count(*)::int AS n FROM results WHERE upload_id = ANY($1::uuid[]) GROUP BY upload_id',
      [all],
    );
    expect(rows).toHaveLength(all.length);
    expect(rows.every((row) => row.n === 1)).toBe(true);
  }, 300_000);
});

import '../../../ops/test/support/providedContext';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CreateUploadResponseSchema, MAX_UPLOAD_BYTES } from '@orak/core';
import { createTestDatabase } from '../../common/test/testDatabase';
import { stackEnv, startService, type ServiceProcess } from '../../common/test/serviceProcesses';

// The api as its own process (src/main.ts), measured from this second process: memory stays flat while a
// client uploads 100 MB (the bytes go straight to S3), and presign throughput beside a trivial Koa endpoint.

const services = inject('services');
let drop: () => Promise<void>;
let api: ServiceProcess;
let token: string;

beforeAll(async () => {
  let url: string;
  ({ drop, url } = await createTestDatabase(services.postgres.url));
  api = await startService('api', stackEnv(services, url));
  const response = await fetch(`${api.url}/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `load-${randomUUID()}@example.com`, password: 'karaoke-load-1' }),
  });
  token = ((await response.json()) as { token: string }).token;
});
afterAll(async () => {
  await api?.kill();
  await drop();
});

const rssMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

describe('the api under load (separate process)', () => {
  it('keeps its memory flat while a client uploads 100 MB', async () => {
    const body = new Uint8Array(MAX_UPLOAD_BYTES);
    body.set(Buffer.from('RIFF'), 0);
    const created = CreateUploadResponseSchema.parse(
      await (
        await fetch(`${api.url}/v1/uploads`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({
            fileName: 'long-take.wav',
            contentType: 'audio/wav',
            sizeBytes: body.length,
          }),
        })
      ).json(),
    );
    const baseline = rssMb(api.pid);
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(api.pid))), 20);
    const started = performance.now();
    const put = await fetch(created.request.url, { method: 'PUT', headers: created.request.headers, body });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    expect(put.status).toBe(200);
    console.log(
      `100 MB upload in ${seconds.toFixed(2)} s: api RSS baseline ${baseline.toFixed(1)} MB, peak ${peak.toFixed(1)} MB ` +
        `(+${(peak - baseline).toFixed(1)} MB)`,
    );
    expect(peak - baseline).toBeLessThan(20);
  });

  it('measures presign throughput and p99 beside a trivial Koa endpoint', async () => {
    const run = (opts: autocannon.Options) => autocannon({ connections: 10, duration: 5, ...opts });
    const baseline = await run({ url: `${api.url}/healthz` });
    const presign = await run({
      url: `${api.url}/v1/uploads`,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ fileName: 'take.wav', contentType: 'audio/wav', sizeBytes: 5_000_000 }),
    });
    const line = (name: string, r: autocannon.Result) =>
      `${name}: ${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ` +
      `${r.non2xx} non-2xx, ${r.errors} errors`;
    console.log(
      `${line('GET /healthz (baseline)', baseline)}\n${line('POST /v1/uploads (presign)', presign)}`,
    );
    expect(presign.errors).toBe(0);
    expect(presign.non2xx).toBe(0);
    expect(presign.requests.total).toBeGreaterThan(100);
    expect(baseline.non2xx).toBe(0);
  });
});

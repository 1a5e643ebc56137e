import { readFileSync } from 'node:fs';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TRACE_HEADER, newTraceId } from '@orak/core';
import { bindServicesToOwner, type ServiceHandle } from '../src/serviceProcess';
import { stopServices } from '../src/localStack';
import { startCloudService, type CloudServiceName } from '../src/services/cloudService';
import { cloudServiceEnv } from '../src/cloudStack';
import './support/providedContext';

/** A 2-second sung-like take (harmonics of 220 Hz with a little vibrato), as 16-bit mono WAV. */
function takeWav(): Buffer {
  const rate = 16_000;
  const samples = rate * 2;
  const data = Buffer.alloc(samples * 2);
  let phase = 0;
  for (let i = 0; i < samples; i++) {
    const f0 = 220 * 2 ** ((20 * Math.sin((2 * Math.PI * 5.5 * i) / rate)) / 1200);
    phase += (2 * Math.PI * f0) / rate;
    let v = 0;
    for (let h = 1; h <= 8; h++) v += Math.sin(h * phase) / h;
    data.writeInt16LE(Math.round(v * 0.25 * 32767), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

describe('one trace id from the desktop through HTTP, S3 and Kafka to the analyzer; no secrets in logs', () => {
  const services = inject('services');
  const bridgeToken = 'trace-test-bridge-token-0123456789';
  const env = { ...cloudServiceEnv(services), BRIDGE_TOKEN: bridgeToken, LOG_LEVEL: 'info' };
  const running = new Map<CloudServiceName, ServiceHandle<{ url: string; port: string }>>();
  const logs: Record<string, string> = {};
  const password = 'a very secret passphrase 42';
  const traceId = newTraceId();
  let token = '';
  let uploadId = '';
  let apiUrl = '';

  beforeAll(async () => {
    bindServicesToOwner(process.pid);
    running.set('api', await startCloudService('api', { env }));
    for (const name of ['bridge', 'analyzer', 'reconciler'] as const) {
      running.set(name, await startCloudService(name, { env }));
    }
    apiUrl = running.get('api')!.settings.url;
  }, 180_000);

  afterAll(async () => {
    await stopServices([...running.values()]);
  });

  it('carries the trace id on the API answer, the signed upload, the stored object and to COMPLETED', async () => {
    const json = { 'content-type': 'application/json' };
    const registered = await fetch(`${apiUrl}/v1/auth/register`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: `trace-${traceId}@example.com`, password }),
    });
    token = ((await registered.json()) as { token: string }).token;
    const wav = takeWav();
    const created = await fetch(`${apiUrl}/v1/uploads`, {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${token}`, [TRACE_HEADER]: traceId },
      body: JSON.stringify({ fileName: 'trace take.wav', contentType: 'audio/wav', sizeBytes: wav.length }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get(TRACE_HEADER)).toBe(traceId);
    const body = (await created.json()) as {
      uploadId: string;
      request: { method: string; url: string; headers: Record<string, string> };
    };
    uploadId = body.uploadId;
    expect(body.request.headers['x-amz-meta-trace-id']).toBe(traceId);

    // The trace header is signed: a client cannot swap it.
    const forged = { ...body.request.headers, 'x-amz-meta-trace-id': newTraceId() };
    const refused = await fetch(body.request.url, {
      method: 'PUT',
      headers: forged,
      body: new Uint8Array(wav),
    });
    expect(refused.status).toBe(403);
    const put = await fetch(body.request.url, {
      method: body.request.method,
      headers: body.request.headers,
      body: new Uint8Array(wav),
    });
    expect(put.status).toBe(200);

    await expect
      .poll(
        async () => {
          // The desktop follows its upload under the same trace id.
          const view = await fetch(`${apiUrl}/v1/uploads/${uploadId}`, {
            headers: { authorization: `Bearer ${token}`, [TRACE_HEADER]: traceId },
          });
          return ((await view.json()) as { state: string }).state;
        },
        { timeout: 60_000, interval: 250 },
      )
      .toBe('COMPLETED');

    const s3 = new S3Client({
      endpoint: services.s3.endpoint,
      region: services.s3.region,
      forcePathStyle: true,
      credentials: { accessKeyId: services.s3.accessKeyId, secretAccessKey: services.s3.secretAccessKey },
    });
    const key = new URL(body.request.url).pathname.split('/').slice(2).map(decodeURIComponent).join('/');
    const head = await s3.send(new HeadObjectCommand({ Bucket: services.s3.bucket, Key: key }));
    expect(head.Metadata?.['trace-id']).toBe(traceId);
    s3.destroy();
  }, 120_000);

  it('every service logs JSON lines, and every line about the upload carries its trace id', async () => {
    // Give the loggers a moment to flush.
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const [name, handle] of running) logs[name] = readFileSync(handle.logFile, 'utf8');
    for (const name of ['api', 'bridge', 'analyzer'] as const) {
      const lines = logs[name]!.split('\n').filter((line) => line.startsWith('{'));
      const traced = lines.filter((line) => line.includes(traceId));
      expect(traced.length, `${name} has lines with the trace id`).toBeGreaterThan(0);
      for (const line of lines.filter((l) => l.includes(uploadId))) {
        const entry = JSON.parse(line) as { trace?: { traceId?: string }; service?: string };
        expect(entry.trace?.traceId, `${name}: ${line}`).toBe(traceId);
        expect(entry.service).toBe(name);
      }
    }
    expect(logs.analyzer).toMatch(/"msg":"upload processed"/);
  });

  it('never writes a password, a bearer token or a secret key to any log', () => {
    const all = Object.values(logs).join('\n');
    expect(all.length).toBeGreaterThan(0);
    for (const secret of [password, token, services.s3.secretAccessKey, bridgeToken]) {
      expect(secret.length).toBeGreaterThan(8);
      expect(all.includes(secret)).toBe(false);
    }
  });
});

import { createHash } from 'node:crypto';
import { getEventListeners } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putFile } from '../src/main/uploads/presignedPut';

// The streaming PUT on its own, into a byte sink that records what arrived (the real S3 server is in the
// integration test): exact bytes and length, progress, the bandwidth cap, an early refusal and an abort.

let dir: string;
let server: Server;
let base: string;
const received: { headers: IncomingMessage['headers']; sha256: string; bytes: number }[] = [];
const payload = Buffer.alloc(600_000, 0);
for (let i = 0; i < payload.length; i++) payload[i] = (i * 7919) % 251;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orak-put-'));
  await writeFile(join(dir, 'take.wav'), payload);
  server = createServer((req, res) => {
    if (req.url === '/refuse') {
      // Like S3 on an expired signature: answers 403 at once, without reading the body.
      res.writeHead(403, { 'content-type': 'application/xml', connection: 'close' });
      res.end('<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
      return;
    }
    const hash = createHash('sha256');
    let bytes = 0;
    req.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      bytes += chunk.length;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, sha256: hash.digest('hex'), bytes });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

const request = (path: string) => ({
  method: 'PUT' as const,
  url: `${base}${path}`,
  headers: { 'content-type': 'audio/wav', 'x-amz-meta-take': 't1' },
  expiresAt: new Date(Date.now() + 60_000).toISOString(),
});

describe('putFile', () => {
  it('sends the file byte for byte with its exact length and the signed headers, reporting progress', async () => {
    const progress: number[] = [];
    const result = await putFile({
      request: request('/ok'),
      path: join(dir, 'take.wav'),
      sizeBytes: payload.length,
      signal: new AbortController().signal,
      onProgress: (sent) => progress.push(sent),
    });
    expect(result.status).toBe(200);
    const last = received.at(-1)!;
    expect(last.bytes).toBe(payload.length);
    expect(last.sha256).toBe(createHash('sha256').update(payload).digest('hex'));
    expect(last.headers['content-length']).toBe(String(payload.length));
    expect(last.headers['x-amz-meta-take']).toBe('t1');
    expect(last.headers['transfer-encoding']).toBeUndefined();
    expect(progress.at(-1)).toBe(payload.length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('keeps to the bandwidth cap', async () => {
    const started = performance.now();
    await putFile({
      request: request('/slow'),
      path: join(dir, 'take.wav'),
      sizeBytes: payload.length,
      signal: new AbortController().signal,
      onProgress: () => undefined,
      bytesPerSecond: 1_000_000,
    });
    // 600 KB at 1 MB/s: at least about half a second (the first chunk goes at once).
    expect(performance.now() - started).toBeGreaterThan(500);
  });

  it('adds one abort listener per capped stream, not one per delayed chunk, and removes it at the end', async () => {
    const controller = new AbortController();
    const before = getEventListeners(controller.signal, 'abort').length;
    let most = 0;
    await putFile({
      request: request('/listeners'),
      path: join(dir, 'take.wav'),
      sizeBytes: payload.length,
      signal: controller.signal,
      // ~10 chunks of 64 KiB, nearly each one held back by the cap.
      onProgress: () => (most = Math.max(most, getEventListeners(controller.signal, 'abort').length)),
      bytesPerSecond: 2_000_000,
    });
    expect(most - before).toBeLessThanOrEqual(3); // the request's, the pipeline's and the cap's own
    await new Promise((resolve) => setImmediate(resolve));
    expect(getEventListeners(controller.signal, 'abort').length).toBe(before);
  });

  it('returns an early 403 with the storage error instead of a broken-pipe error', async () => {
    const result = await putFile({
      request: request('/refuse'),
      path: join(dir, 'take.wav'),
      sizeBytes: payload.length,
      signal: new AbortController().signal,
      onProgress: () => undefined,
    });
    expect(result.status).toBe(403);
    expect(result.body).toContain('<Code>AccessDenied</Code>');
  });

  it('stops sending when aborted mid-way', async () => {
    const controller = new AbortController();
    const sending = putFile({
      request: request('/abort'),
      path: join(dir, 'take.wav'),
      sizeBytes: payload.length,
      signal: controller.signal,
      onProgress: (sent) => {
        if (sent > 100_000) controller.abort(new Error('paused'));
      },
      bytesPerSecond: 400_000,
    });
    await expect(sending).rejects.toThrow('paused');
    expect(received.some((r) => r.headers['x-amz-meta-take'] === 't1' && r.bytes < payload.length)).toBe(
      false,
    );
  });
});

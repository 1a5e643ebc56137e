import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadItemView } from '@orak/core';
import { createAccountService } from '../src/main/cloud/accountService';
import { writeAccount } from '../src/main/cloud/accountFile';
import { createCloudApiClient } from '../src/main/cloud/cloudApiClient';
import { openLibrary } from '../src/main/library/libraryService';
import { createSettingsStore } from '../src/main/settings/settingsStore';
import { openUploadQueue } from '../src/main/uploads/uploadQueueService';
import { uploadView } from './support/fakeCloudClient';
import { addMelodyTake } from './support/melodyTake';

// The real api client against a tiny api on a local port that answers what the real one answers when it is in
// trouble: a 503 before a 200, and an event stream that ends with an error event (the upload was deleted).

const GONE = '00000000-0000-4000-8000-00000000dead';
let server: Server;
let base: string;
let dir: string;
const posts: number[] = [];

const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orak-api-retry-'));
  server = createServer((req, res) => {
    const url = req.url ?? '';
    req.resume();
    req.on('end', () => {
      if (req.method === 'POST' && url === '/v1/uploads') {
        posts.push(Date.now());
        if (posts.length === 1)
          return json(res, 503, { error: { code: 'internal', message: 'the database is restarting' } });
        const uploadId = randomUUID();
        const expiresAt = new Date(Date.now() + 600_000).toISOString();
        return json(res, 201, {
          uploadId,
          state: 'REQUESTED',
          request: { method: 'PUT', url: `${base}/put/${uploadId}`, expiresAt },
        });
      }
      if (req.method === 'PUT') return res.writeHead(200).end();
      const events = /^\/v1\/uploads\/([^/]+)\/events$/.exec(url);
      if (events) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        if (events[1] === GONE) {
          const body = { error: { code: 'not_found', message: 'upload not found' } };
          return res.end(`event: error\ndata: ${JSON.stringify(body)}\n\n`);
        }
        return res.end(`event: state\ndata: ${JSON.stringify(uploadView(events[1]!, 'COMPLETED'))}\n\n`);
      }
      json(res, 404, { error: { code: 'not_found', message: 'no such route' } });
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

describe('the api answering 5xx', () => {
  it('puts the item in backoff on a 503, then sends it when the api answers again', async () => {
    const library = await openLibrary({ dir: join(dir, 'library') });
    const settings = createSettingsStore(dir);
    await settings.update({ cloudServerUrl: base });
    const expiresAt = new Date(Date.now() + 3600_000).toISOString();
    await writeAccount(dir, { serverUrl: base, email: 'a@example.com', token: 't', expiresAt });
    const account = createAccountService({ dataDir: dir, settings });
    const queue = await openUploadQueue({
      dir,
      library: () => library,
      account,
      backoff: { baseMs: 200, jitter: 0 },
    });
    try {
      const take = await addMelodyTake(library, 'Server trouble', 1);
      const { id } = await queue.enqueue(take.id);
      const seen: UploadItemView[] = [];
      await expect
        .poll(async () => {
          const item = (await queue.list()).items.find((candidate) => candidate.id === id)!;
          seen.push(item);
          return item.phase;
        })
        .toBe('completed');
      const retrying = seen.find((item) => item.phase === 'retrying');
      expect(retrying).toMatchObject({ attempts: 1, error: 'create upload: the database is restarting' });
      expect(posts.length).toBe(2);
      expect(posts[1]! - posts[0]!).toBeGreaterThanOrEqual(190); // waited out the backoff
      expect(library.getTake(take.id)!.cloud?.state).toBe('COMPLETED');
    } finally {
      await queue.close();
    }
  });
});

describe('an event stream that ends in an error event', () => {
  it("keeps the server's error code (not_found) instead of a generic failure", async () => {
    const client = createCloudApiClient(base);
    const following = (async () => {
      for await (const view of client.followUpload('t', GONE, new AbortController().signal)) void view;
    })();
    await expect(following).rejects.toMatchObject({
      name: 'CloudApiError',
      status: 404,
      code: 'not_found',
      message: 'follow upload: upload not found',
    });
  });
});

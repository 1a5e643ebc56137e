import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreateUploadResponse, UploadItemView } from '@orak/core';
import type { AccountService } from '../src/main/cloud/accountService';
import { CloudApiError } from '../src/main/cloud/cloudApiErrors';
import { openLibrary, type LibraryService } from '../src/main/library/libraryService';
import { UPLOAD_QUEUE_FILE, type QueuedUpload } from '../src/main/uploads/uploadQueueFile';
import {
  openUploadQueue,
  type UploadQueueOptions,
  type UploadQueueService,
} from '../src/main/uploads/uploadQueueService';
import {
  fakeAccount,
  fakeCloud,
  FAKE_SERVER,
  gate,
  startPutSink,
  type FakeCloud,
  type Gate,
  type PutSink,
} from './support/fakeCloudClient';
import { addMelodyTake } from './support/melodyTake';

// The queue's transfer against a cloud client that can hold any request on cue (the real stack is in
// uploadQueue.int.test.ts): stop and start races, a file changed under a resumable upload, a failing account.

let dir: string;
let library: LibraryService;
let sink: PutSink;
let cloud: FakeCloud;
let account: AccountService;
const open: UploadQueueService[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orak-upload-transfer-'));
  library = await openLibrary({ dir: join(dir, 'library') });
  sink = await startPutSink();
  cloud = fakeCloud(sink.url);
  account = await fakeAccount(dir, cloud.client);
});
afterEach(async () => {
  for (const queue of open.splice(0)) await queue.close();
  await sink.close();
  await rm(dir, { recursive: true, force: true });
});

async function queueWith(options: Partial<UploadQueueOptions> = {}): Promise<UploadQueueService> {
  const queue = await openUploadQueue({ dir, library: () => library, account, pollMs: 20, ...options });
  open.push(queue);
  return queue;
}

async function itemOf(queue: UploadQueueService, id: string): Promise<UploadItemView> {
  return (await queue.list()).items.find((item) => item.id === id)!;
}

const settle = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every createUpload waits at its own gate; the gate's index is the order of the calls. */
function holdCreates(): Gate<void>[] {
  const gates: Gate<void>[] = [];
  const create = cloud.handlers.createUpload;
  cloud.handlers.createUpload = async (token, request, signal): Promise<CreateUploadResponse> => {
    const held = gate();
    gates.push(held);
    await held.promise;
    return create(token, request, signal);
  };
  return gates;
}

const createdIds = () =>
  cloud.calls.filter((call) => call.method === 'deleteUpload').map((call) => call.about);

describe('stopping and starting a transfer', () => {
  it('runs one transfer at a time across a pause and resume, and deletes the upload the stopped one created', async () => {
    const first = await addMelodyTake(library, 'First', 1);
    const second = await addMelodyTake(library, 'Second', 1);
    const gates = holdCreates();
    const answers: string[] = [];
    const create = cloud.handlers.createUpload;
    cloud.handlers.createUpload = async (...args) => {
      const created = await create(...args);
      answers.push(created.uploadId);
      return created;
    };
    const queue = await queueWith();
    const a = await queue.enqueue(first.id);
    await queue.enqueue(second.id);
    await expect.poll(() => gates.length).toBe(1);

    await queue.pause(a.id); // while the api is still creating its upload
    await queue.resume(a.id);
    await expect.poll(() => gates.length).toBe(2); // the resumed transfer asks again
    gates[0]!.open(); // the stopped transfer's answer arrives late
    await settle();
    // The stopped transfer must not have freed the slot: the second take waits for the first.
    expect(gates.length).toBe(2);
    expect(cloud.calls.filter((call) => call.method === 'createUpload').map((call) => call.about)).toEqual([
      first.fileName,
      first.fileName,
    ]);
    await expect.poll(() => cloud.deleted).toEqual([answers[0]]);

    gates[1]!.open();
    await expect.poll(async () => (await itemOf(queue, a.id)).phase).toBe('completed');
    await expect.poll(() => gates.length).toBe(3);
    gates[2]!.open();
    const done = await itemOf(queue, a.id);
    expect(done.uploadId).toBe(answers[1]);
    expect(library.getTake(first.id)!.cloud?.uploadId).toBe(answers[1]);
    expect(cloud.deleted).toEqual([answers[0]]);
    expect(createdIds()).not.toContain(answers[1]);
  });

  it('cancelled while the api creates the upload: the late upload is deleted, never attached to the item or take', async () => {
    const take = await addMelodyTake(library, 'Cancelled', 1);
    const gates = holdCreates();
    const queue = await queueWith();
    const { id } = await queue.enqueue(take.id);
    await expect.poll(() => gates.length).toBe(1);
    expect((await queue.cancel(id)).phase).toBe('cancelled');
    gates[0]!.open();
    await expect.poll(() => cloud.deleted.length).toBe(1);
    await settle();
    const item = await itemOf(queue, id);
    expect(item).toMatchObject({ phase: 'cancelled', uploadId: null, cloudState: null });
    expect(library.getTake(take.id)!.cloud).toBeNull();
    expect(sink.puts).toEqual([]);
  });
});

describe('a resumable upload whose file changed', () => {
  async function queuedMultipart(patch: Partial<QueuedUpload>): Promise<QueuedUpload> {
    const take = await addMelodyTake(library, 'Changed', 1);
    const { size, mtimeMs } = await stat(join(library.takesDir, take.fileName));
    const at = new Date().toISOString();
    const item: QueuedUpload = {
      id: 'item-1',
      takeId: take.id,
      title: take.title,
      fileName: take.fileName,
      sizeBytes: size,
      contentType: 'audio/wav',
      phase: 'queued',
      serverUrl: FAKE_SERVER,
      uploadId: '00000000-0000-4000-8000-000000000001',
      request: null,
      cloudState: 'REQUESTED',
      history: [],
      attempts: 0,
      nextAttemptAt: null,
      resigns: 0,
      multipart: { partSizeBytes: 5 * 1024 * 1024 },
      interrupted: false,
      fileMtimeMs: mtimeMs,
      error: null,
      createdAt: at,
      updatedAt: at,
      ...patch,
    };
    await writeFile(join(dir, UPLOAD_QUEUE_FILE), JSON.stringify({ version: 1, items: [item] }));
    return item;
  }

  it.each([
    ['its size', (item: QueuedUpload) => ({ sizeBytes: item.sizeBytes - 4096 })],
    ['its modification time', (item: QueuedUpload) => ({ fileMtimeMs: item.fileMtimeMs! - 60_000 })],
  ])('starts a new upload when %s changed, and deletes the stale one', async (_what, change) => {
    const planned = await queuedMultipart({});
    await queuedMultipart(change(planned));
    const actual = (await stat(join(library.takesDir, planned.fileName))).size;
    const queue = await queueWith({ multipartAboveBytes: 0 });
    await expect.poll(async () => (await itemOf(queue, 'item-1')).phase).toBe('completed');
    const stale = planned.uploadId!;
    expect(cloud.calls.some((call) => call.method === 'listParts' && call.about === stale)).toBe(false);
    expect(cloud.deleted).toEqual([stale]);
    const item = await itemOf(queue, 'item-1');
    expect(item.uploadId).not.toBe(stale);
    expect(item.sizeBytes).toBe(actual);
  });

  it('resumes the same upload when the file is unchanged', async () => {
    const planned = await queuedMultipart({});
    const queue = await queueWith({ multipartAboveBytes: 0 });
    await expect.poll(async () => (await itemOf(queue, 'item-1')).phase).toBe('completed');
    expect(cloud.calls.filter((call) => call.method === 'listParts').map((c) => c.about)).toEqual([
      planned.uploadId,
    ]);
    expect(cloud.deleted).toEqual([]);
  });
});

describe('what the queue does when things go away', () => {
  it('keeps going when reading the account fails once, instead of freezing', async () => {
    const take = await addMelodyTake(library, 'Account hiccup', 1);
    let asked = 0;
    const flaky: AccountService = {
      ...account,
      session: () =>
        ++asked === 1 ? Promise.reject(new Error('EIO: settings unreadable')) : account.session(),
    };
    const queue = await openUploadQueue({
      dir,
      library: () => library,
      account: flaky,
      pollMs: 20,
      backoff: { baseMs: 50, jitter: 0 },
    });
    open.push(queue);
    const { id } = await queue.enqueue(take.id);
    const seen = new Set<string>();
    await expect
      .poll(async () => {
        const item = await itemOf(queue, id);
        seen.add(`${item.phase} ${item.error ?? ''}`);
        return item.phase;
      })
      .toBe('completed');
    expect([...seen]).toContain('retrying the account could not be read: EIO: settings unreadable');
  });

  it('marks an upload deleted on the server as gone (not_found) and stops following it', async () => {
    const take = await addMelodyTake(library, 'Deleted there', 1);
    cloud.handlers.followUpload = async function* () {
      yield* [];
      throw new CloudApiError(404, 'not_found', 'follow upload: upload not found');
    };
    const queue = await queueWith();
    const { id } = await queue.enqueue(take.id);
    await expect.poll(async () => (await itemOf(queue, id)).phase).toBe('failed');
    expect((await itemOf(queue, id)).error).toMatch(/no longer on the server/);
    expect(library.getTake(take.id)!.cloud).toBeNull();
    await settle();
    const follows = cloud.calls.filter((call) => ['followUpload', 'getUpload'].includes(call.method));
    expect(follows.length).toBe(1);
  });

  it('never writes a presigned URL (a write credential) to the queue file', async () => {
    const take = await addMelodyTake(library, 'Secret', 2);
    const queue = await queueWith({ bytesPerSecond: 60_000 });
    const { id } = await queue.enqueue(take.id);
    await expect.poll(async () => (await itemOf(queue, id)).phase).toBe('sending');
    await settle(300);
    const onDisk = await readFile(join(dir, UPLOAD_QUEUE_FILE), 'utf8');
    expect(onDisk).toContain(id);
    expect(onDisk).not.toContain('secret-signature');
    expect(onDisk).not.toContain(sink.url);
  });
});

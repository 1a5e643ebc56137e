import '../../ops/test/support/providedContext';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MIN_PART_BYTES, type UploadItemView, type UploadState } from '@orak/core';
import { createAccountService, type AccountService } from '../src/main/cloud/accountService';
import { createCloudApiClient } from '../src/main/cloud/cloudApiClient';
import { CloudApiError } from '../src/main/cloud/cloudApiErrors';
import { openLibrary, type LibraryService } from '../src/main/library/libraryService';
import { createSettingsStore } from '../src/main/settings/settingsStore';
import { UploadRefusedError } from '../src/main/uploads/uploadFileCheck';
import { UPLOAD_QUEUE_FILE, type QueuedUpload } from '../src/main/uploads/uploadQueueFile';
import {
  openUploadQueue,
  type UploadQueueOptions,
  type UploadQueueService,
} from '../src/main/uploads/uploadQueueService';
import { startDesktopCloud, type DesktopCloud } from './support/cloudServices';
import { addMelodyTake } from './support/melodyTake';

// The upload queue against the real api, S3 server (versitygw), bridge, Kafka, analyzer and PostgreSQL:
// real takes go up as a client would send them and come back analysed into the library.

const services = inject('services');
const PASSWORD = 'karaoke-night-42';
let cloud: DesktopCloud;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  cloud = await startDesktopCloud(services, { shortTtlSec: 2 });
}, 180_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  await cloud?.stop();
});

interface Desk {
  dir: string;
  library: LibraryService;
  account: () => AccountService;
  open(options?: Partial<UploadQueueOptions>): Promise<UploadQueueService>;
}

/** A desktop data folder signed in to `apiUrl`, with a library; queues open over it on demand. */
async function desk(apiUrl: string): Promise<Desk> {
  const dir = await mkdtemp(join(tmpdir(), 'orak-upload-int-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const library = await openLibrary({ dir: join(dir, 'library') });
  const settings = createSettingsStore(dir);
  let account = createAccountService({ dataDir: dir, settings });
  await account.setServer(apiUrl);
  await account.signUp({ email: `desk-${randomUUID()}@example.com`, password: PASSWORD });
  return {
    dir,
    library,
    account: () => account,
    async open(options = {}) {
      // A fresh account service too, as a restarted app would have: it reads the token from the folder.
      account = createAccountService({ dataDir: dir, settings: createSettingsStore(dir) });
      const queue = await openUploadQueue({ dir, library: () => library, account, pollMs: 200, ...options });
      cleanups.push(() => queue.close());
      return queue;
    },
  };
}

async function itemOf(queue: UploadQueueService, id: string): Promise<UploadItemView> {
  const item = (await queue.list()).items.find((candidate) => candidate.id === id);
  if (!item) throw new Error(`item ${id} left the queue`);
  return item;
}

/** Polls the queue's snapshot (as the renderer does) until `done` holds; returns every snapshot seen. */
async function watch(
  queue: UploadQueueService,
  id: string,
  done: (item: UploadItemView) => boolean,
  timeoutMs = 90_000,
): Promise<UploadItemView[]> {
  const seen: UploadItemView[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const item = await itemOf(queue, id);
    seen.push(item);
    if (done(item)) return seen;
    if (Date.now() > deadline)
      throw new Error(`timed out: ${item.phase} ${item.cloudState ?? '-'} ${item.error ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
}

const finished = (item: UploadItemView) => ['completed', 'failed', 'cancelled'].includes(item.phase);

describe('the upload queue against the real local stack', () => {
  it('sends a real WAV take with progress, follows it live to COMPLETED and keeps the analysis in the take', async () => {
    const d = await desk(cloud.apiUrl);
    const take = await addMelodyTake(d.library, 'Melody one', 16);
    // A bandwidth cap of 200 KB/s makes the ~0.5 MB take take a few seconds, so progress is observable.
    const queue = await d.open({ bytesPerSecond: 200_000 });
    const queued = await queue.enqueue(take.id);
    expect(queued.sizeBytes).toBe(take.sizeBytes);
    const seen = await watch(queue, queued.id, finished);
    const last = seen.at(-1)!;
    expect(last.phase, last.error ?? '').toBe('completed');

    const sending = seen.filter((item) => item.phase === 'sending').map((item) => item.bytesSent);
    const partial = new Set(sending.filter((bytes) => bytes > 0 && bytes < take.sizeBytes));
    expect(partial.size).toBeGreaterThanOrEqual(3);
    expect(sending).toEqual([...sending].sort((a, b) => a - b));
    expect(last.bytesSent).toBe(take.sizeBytes);

    // Live: states between the bytes landing and COMPLETED were seen while polling the queue.
    const liveStates = new Set(
      seen.map((item) => item.cloudState).filter((s): s is UploadState => s !== null),
    );
    expect(liveStates.size).toBeGreaterThanOrEqual(3);
    expect(last.history.map((entry) => entry.state)).toEqual([
      'REQUESTED',
      'UPLOADED',
      'VALIDATING',
      'VALIDATED',
      'QUEUED',
      'ANALYZING',
      'ANALYZED',
      'RECOMMENDING',
      'COMPLETED',
    ]);

    const stored = d.library.getTake(take.id)!;
    expect(stored.cloud).toMatchObject({ uploadId: last.uploadId, state: 'COMPLETED', reason: null });
    expect(stored.analysis?.source).toBe('cloud');
    expect(stored.analysis?.result.range.lowest.midi).toBe(50);
    expect(stored.analysis?.result.range.highest.midi).toBe(64);
    expect(stored.analysis?.recommendations.length).toBeGreaterThan(0);
  });

  it('pauses mid-upload (sending stops), then resumes under a fresh upload and finishes', async () => {
    const d = await desk(cloud.apiUrl);
    const take = await addMelodyTake(d.library, 'Paused take', 24);
    const queue = await d.open({ bytesPerSecond: 150_000 });
    const { id } = await queue.enqueue(take.id);
    await watch(
      queue,
      id,
      (item) => item.phase === 'sending' && item.bytesSent > take.sizeBytes * 0.25,
      30_000,
    );
    const paused = await queue.pause(id);
    expect(paused.phase).toBe('paused');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await itemOf(queue, id)).toMatchObject({ phase: 'paused', bytesSent: 0 });

    // versitygw keeps the body of a PUT cut off mid-way (it then ends REJECTED as truncated), so a resumed
    // single PUT must go to a fresh upload; the cut-off one is deleted.
    await queue.resume(id);
    const seen = await watch(queue, id, finished);
    const last = seen.at(-1)!;
    expect(last.phase, last.error ?? '').toBe('completed');
    expect(last.uploadId).not.toBe(paused.uploadId);
    expect(last.resigns).toBe(0); // not an expiry
    expect(d.library.getTake(take.id)!.analysis?.source).toBe('cloud');
    const session = await d.account().session();
    if ('blocked' in session) throw new Error('signed out');
    await expect
      .poll(() => session.client.getUpload(session.token, paused.uploadId!).catch((error: unknown) => error))
      .toBeInstanceOf(CloudApiError);
  });

  it('sends a large take in parts; paused after the first part, it resumes from the second', async () => {
    const d = await desk(cloud.apiUrl);
    const take = await addMelodyTake(d.library, 'Long take', 360); // about 11.5 MB: three 5 MiB parts
    const queue = await d.open({
      bytesPerSecond: 3_000_000,
      multipartAboveBytes: 0,
      partSizeBytes: MIN_PART_BYTES,
    });
    const { id } = await queue.enqueue(take.id);
    await watch(
      queue,
      id,
      (item) => item.phase === 'sending' && item.bytesSent > MIN_PART_BYTES + 500_000,
      60_000,
    );
    const paused = await queue.pause(id);
    expect(paused.bytesSent).toBeGreaterThan(MIN_PART_BYTES);

    await queue.resume(id);
    const seen = await watch(queue, id, finished, 120_000);
    const last = seen.at(-1)!;
    expect(last.phase, last.error ?? '').toBe('completed');
    expect(last.uploadId).toBe(paused.uploadId); // the same upload, resumed
    const resent = seen.filter((item) => item.phase === 'sending').map((item) => item.bytesSent);
    expect(resent.length).toBeGreaterThan(0);
    expect(Math.min(...resent)).toBeGreaterThanOrEqual(MIN_PART_BYTES); // part 1 was not sent again
    const analysis = d.library.getTake(take.id)!.analysis;
    expect(analysis?.source).toBe('cloud');
    expect(analysis?.result.range.lowest.midi).toBe(50);
    expect(analysis?.result.range.highest.midi).toBe(64);
  });

  it('a new queue over the same folder finishes an upload the last one left mid-way', async () => {
    const d = await desk(cloud.apiUrl);
    const take = await addMelodyTake(d.library, 'Restarted take', 24);
    const first = await d.open({ bytesPerSecond: 150_000 });
    const { id } = await first.enqueue(take.id);
    await watch(
      first,
      id,
      (item) => item.phase === 'sending' && item.bytesSent > take.sizeBytes * 0.2,
      30_000,
    );
    await first.close(); // the app quits mid-upload

    const onDisk = JSON.parse(await readFile(join(d.dir, UPLOAD_QUEUE_FILE), 'utf8')) as {
      items: { id: string; phase: string }[];
    };
    expect(onDisk.items).toEqual([expect.objectContaining({ id, phase: 'sending', interrupted: true })]);

    const second = await d.open({ followWithEvents: false }); // and follows by polling this time
    const seen = await watch(second, id, finished);
    expect(seen.at(-1)!.phase, seen.at(-1)!.error ?? '').toBe('completed');
    expect(seen.at(-1)!.id).toBe(id);
    expect(d.library.getTake(take.id)!.cloud?.state).toBe('COMPLETED');
  });

  it('re-signs a presigned URL that expired (refused by S3) and finishes with the fresh one', async () => {
    const d = await desk(cloud.shortTtlApiUrl!);
    const take = await addMelodyTake(d.library, 'Expiring take', 8);
    // An older version signed this take, kept the request in its queue file and quit before sending; the
    // queue starts again after the 2-second URL expired (it reads such a request, it never writes one).
    const session = await d.account().session();
    if ('blocked' in session) throw new Error('signed out');
    const created = await session.client.createUpload(session.token, {
      fileName: take.fileName,
      contentType: 'audio/wav',
      sizeBytes: take.sizeBytes,
    });
    const at = new Date().toISOString();
    const item: QueuedUpload = {
      id: randomUUID(),
      takeId: take.id,
      title: take.title,
      fileName: take.fileName,
      sizeBytes: take.sizeBytes,
      contentType: 'audio/wav',
      phase: 'queued',
      serverUrl: cloud.shortTtlApiUrl!,
      uploadId: created.uploadId,
      request: created.request,
      cloudState: 'REQUESTED',
      history: [],
      attempts: 0,
      nextAttemptAt: null,
      resigns: 0,
      multipart: null,
      interrupted: false,
      fileMtimeMs: null,
      error: null,
      createdAt: at,
      updatedAt: at,
    };
    await writeFile(join(d.dir, UPLOAD_QUEUE_FILE), JSON.stringify({ version: 1, items: [item] }));
    await new Promise((resolve) =>
      setTimeout(resolve, Date.parse(created.request.expiresAt) - Date.now() + 3000),
    );

    // Trust a URL up to a minute past its expiry, as a client with a slow clock would: S3 has to refuse it.
    const logged: string[] = [];
    const queue = await d.open({ resignMarginMs: -60_000, log: (line) => logged.push(line) });
    const seen = await watch(queue, item.id, finished);
    const last = seen.at(-1)!;
    const story = [...logged, ...seen.map((i) => `${i.phase} ${i.uploadId} ${i.resigns}`)].join('; ');
    expect(last.phase, story).toBe('completed');
    expect(last.resigns, story).toBeGreaterThanOrEqual(1);
    expect(last.uploadId).not.toBe(created.uploadId);
    // versitygw answers an expired signature with 403 AccessDenied, or sometimes drops the connection first.
    expect(logged.join('\n')).toMatch(
      /storage refused the presigned request \((AccessDenied|RequestExpired)|connection dropped on an expired request/,
    );
    // The upload that never got its bytes is removed rather than left to expire.
    await expect
      .poll(() => session.client.getUpload(session.token, created.uploadId).catch((error: unknown) => error))
      .toBeInstanceOf(CloudApiError);
  });

  it('refuses a 101 MB file and a non-audio file before any request', async () => {
    const d = await desk(cloud.apiUrl);
    const big = join(d.library.takesDir, 'huge.wav');
    await writeFile(big, 'RIFF\0\0\0\0WAVEfmt ');
    await truncate(big, 101 * 1024 * 1024);
    const huge = await d.library.addTake({
      title: 'Huge',
      fileName: 'huge.wav',
      sampleRate: 44_100,
      channels: 1,
      durationSec: 1200,
      sizeBytes: 101 * 1024 * 1024,
    });
    await writeFile(join(d.library.takesDir, 'notes.wav'), 'these are lyrics, not audio');
    const text = await d.library.addTake({
      title: 'Not audio',
      fileName: 'notes.wav',
      sampleRate: 44_100,
      channels: 1,
      durationSec: 1,
      sizeBytes: 27,
    });
    const queue = await d.open();
    await expect(queue.enqueue(huge.id)).rejects.toMatchObject({
      name: 'UploadRefusedError',
      reason: 'too-large',
    });
    await expect(queue.enqueue(text.id)).rejects.toBeInstanceOf(UploadRefusedError);
    expect((await queue.list()).items).toEqual([]);
    // Nothing reached the api: this account has no upload at all.
    const session = await d.account().session();
    if ('blocked' in session) throw new Error('signed out');
    const listed = await fetch(`${cloud.apiUrl}/v1/uploads`, {
      headers: { authorization: `Bearer ${session.token}` },
    });
    expect(((await listed.json()) as { uploads: unknown[] }).uploads).toEqual([]);
    expect(d.library.getTake(huge.id)!.cloud).toBeNull();
  });

  it('account: logs in again with the same password, refuses a wrong one, and says unreachable plainly', async () => {
    const d = await desk(cloud.apiUrl);
    const status = await d.account().status();
    expect(status).toMatchObject({ serverUrl: cloud.apiUrl, signedIn: true });
    const fileText = await readFile(join(d.dir, 'account.json'), 'utf8');
    expect(fileText).toContain('"token"');
    expect((await d.account().logOut()).signedIn).toBe(false);
    await expect(
      d.account().logIn({ email: status.email!, password: 'wrong-password-1' }),
    ).rejects.toMatchObject({
      status: 401,
    });
    expect((await d.account().logIn({ email: status.email!, password: PASSWORD })).signedIn).toBe(true);
    expect((await d.account().checkConnection()).reachable).toBe(true);
    const closed = createCloudApiClient('http://127.0.0.1:9');
    await expect(closed.health()).rejects.toMatchObject({ name: 'CloudUnreachableError' });
  });
});

import { createServer, type AddressInfo } from 'node:net';
import { mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDesktopBridgeDispatcher } from '@orak/core';
import { createAccountService } from '../src/main/cloud/accountService';
import { ACCOUNT_FILE, writeAccount } from '../src/main/cloud/accountFile';
import type { SecretSealer } from '../src/main/cloud/secretSealer';
import { openLibrary, type LibraryService } from '../src/main/library/libraryService';
import { createMainServices } from '../src/main/mainServices';
import { createSettingsStore } from '../src/main/settings/settingsStore';
import { UPLOAD_QUEUE_FILE } from '../src/main/uploads/uploadQueueFile';
import { openUploadQueue, type UploadQueueService } from '../src/main/uploads/uploadQueueService';
import { addMelodyTake } from './support/melodyTake';

// The queue with no cloud at all (no server, or nobody signed in): takes wait, survive restarts, nothing is sent.
// The same queue against the real stack is in uploadQueue.int.test.ts.

let dir: string;
let library: LibraryService;
const open: UploadQueueService[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orak-upload-queue-'));
  library = await openLibrary({ dir: join(dir, 'library') });
});
afterEach(async () => {
  for (const queue of open.splice(0)) await queue.close();
  await rm(dir, { recursive: true, force: true });
});

async function queueOver(folder = dir): Promise<UploadQueueService> {
  const account = createAccountService({ dataDir: folder, settings: createSettingsStore(folder) });
  const queue = await openUploadQueue({ dir: folder, library: () => library, account });
  open.push(queue);
  return queue;
}

/** Stands in for the OS keychain: anything that is not the token itself. */
const testSealer: SecretSealer = {
  protection: 'os-keychain',
  seal: (secret) => `sealed:${Buffer.from(secret).toString('base64').split('').reverse().join('')}`,
  open: (sealed) => Buffer.from(sealed.slice(7).split('').reverse().join(''), 'base64').toString(),
};

/** A port that was free a moment ago: connecting to it is refused. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('the upload queue without a cloud', () => {
  it('keeps a take waiting while no server is set, and says why', async () => {
    const take = await addMelodyTake(library, 'Waiting', 2);
    const queue = await queueOver();
    const item = await queue.enqueue(take.id);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const snapshot = await queue.list();
    expect(snapshot.blocked).toBe('no-server');
    expect(snapshot.items).toEqual([
      expect.objectContaining({ id: item.id, phase: 'queued', bytesSent: 0, uploadId: null }),
    ]);
    expect(library.getTake(take.id)!.cloud).toBeNull();
  });

  it('says signed-out when a server is set but nobody is signed in', async () => {
    const account = createAccountService({ dataDir: dir, settings: createSettingsStore(dir) });
    await account.setServer('http://127.0.0.1:9');
    const queue = await queueOver();
    expect((await queue.list()).blocked).toBe('signed-out');
  });

  it('enqueues a take once, survives a restart, and pauses, resumes, cancels, retries and removes', async () => {
    const take = await addMelodyTake(library, 'Kept', 2);
    const first = await queueOver();
    const item = await first.enqueue(take.id);
    expect((await first.enqueue(take.id)).id).toBe(item.id); // the same take is not queued twice
    await first.close();

    const second = await queueOver();
    expect((await second.list()).items.map((i) => [i.id, i.phase])).toEqual([[item.id, 'queued']]);
    expect((await second.pause(item.id)).phase).toBe('paused');
    await expect(second.pause(item.id)).rejects.toThrow(/cannot be paused/);
    expect((await second.resume(item.id)).phase).toBe('queued');
    await expect(second.remove(item.id)).rejects.toThrow(/cancel the upload/);
    expect((await second.cancel(item.id)).phase).toBe('cancelled');
    expect((await second.retry(item.id)).phase).toBe('queued');
    await second.cancel(item.id);
    await second.remove(item.id);
    expect((await second.list()).items).toEqual([]);
    await second.close();
    const onDisk = JSON.parse(await readFile(join(dir, UPLOAD_QUEUE_FILE), 'utf8')) as { items: unknown[] };
    expect(onDisk.items).toEqual([]);
  });

  it('sets an unreadable queue file aside and starts empty instead of failing', async () => {
    await writeFile(join(dir, UPLOAD_QUEUE_FILE), '{"version":1,"items":[{"id":');
    const queue = await queueOver();
    expect((await queue.list()).items).toEqual([]);
    expect((await readdir(dir)).some((name) => name.startsWith(`${UPLOAD_QUEUE_FILE}.corrupt-`))).toBe(true);
  });

  it('drops one damaged entry and keeps the rest', async () => {
    const take = await addMelodyTake(library, 'Survivor', 2);
    const first = await queueOver();
    const item = await first.enqueue(take.id);
    await first.close();
    const file = JSON.parse(await readFile(join(dir, UPLOAD_QUEUE_FILE), 'utf8')) as { items: unknown[] };
    file.items.push({ id: 'broken', phase: 'flying' });
    await writeFile(join(dir, UPLOAD_QUEUE_FILE), JSON.stringify(file));
    const second = await queueOver();
    expect((await second.list()).items.map((i) => i.id)).toEqual([item.id]);
  });

  it('retries an unreachable server with growing waits, says unreachable, then gives up for the singer to retry', async () => {
    const settings = createSettingsStore(dir);
    const server = `http://127.0.0.1:${await closedPort()}`; // nothing listens there
    await settings.update({ cloudServerUrl: server });
    const expiresAt = new Date(Date.now() + 3600_000).toISOString();
    await writeAccount(dir, {
      serverUrl: server,
      email: 'a@example.com',
      token: 't',
      expiresAt,
    });
    const take = await addMelodyTake(library, 'Offline', 2);
    const account = createAccountService({ dataDir: dir, settings });
    const queue = await openUploadQueue({
      dir,
      library: () => library,
      account,
      backoff: { baseMs: 100, factor: 3, jitter: 0, maxAttempts: 3 },
    });
    open.push(queue);
    const { id } = await queue.enqueue(take.id);
    const seen: { attempts: number; phase: string; wait: number | null }[] = [];
    for (let i = 0; i < 200; i++) {
      const snapshot = await queue.list();
      const item = snapshot.items[0]!;
      const last = seen.at(-1);
      if (!last || last.attempts !== item.attempts || last.phase !== item.phase)
        seen.push({
          attempts: item.attempts,
          phase: item.phase,
          wait: item.nextAttemptAt ? Date.parse(item.nextAttemptAt) - Date.parse(item.updatedAt) : null,
        });
      if (item.phase === 'retrying') expect(snapshot.blocked).toBe('unreachable');
      if (item.phase === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const retries = seen.filter((entry) => entry.phase === 'retrying');
    expect(retries.map((entry) => [entry.attempts, entry.wait])).toEqual([
      [1, 100],
      [2, 300],
    ]);
    const final = (await queue.list()).items[0]!;
    expect(final.phase).toBe('failed');
    expect(final.error).toMatch(/ECONNREFUSED.*gave up after 3 tries/);
    expect((await queue.retry(id)).phase).toBe('queued');
  });

  it('refuses an unknown take', async () => {
    const queue = await queueOver();
    await expect(queue.enqueue('no-such-take')).rejects.toThrow(/no take/);
  });
});

describe('the account without a server', () => {
  it('works signed out, keeps the server in settings, and reports an unreachable server plainly', async () => {
    const settings = createSettingsStore(dir);
    const account = createAccountService({ dataDir: dir, settings });
    expect(await account.status()).toEqual({
      serverUrl: null,
      signedIn: false,
      email: null,
      expiresAt: null,
      tokenProtection: 'file-permissions',
    });
    await expect(account.logIn({ email: 'a@example.com', password: 'long-enough-1' })).rejects.toThrow(
      /server/,
    );
    const server = `http://127.0.0.1:${await closedPort()}`;
    expect((await account.setServer(`${server}/`)).serverUrl).toBe(server);
    expect((await settings.get()).cloudServerUrl).toBe(server);
    const check = await account.checkConnection();
    expect(check.reachable).toBe(false);
    expect(check.message).toBe('GET /healthz: ECONNREFUSED');
  });

  it('keeps the token in a file only this user can read, and forgets it for another server', async () => {
    const settings = createSettingsStore(dir);
    await settings.update({ cloudServerUrl: 'http://127.0.0.1:9' });
    const expiresAt = new Date(Date.now() + 3600_000).toISOString();
    await writeAccount(dir, {
      serverUrl: 'http://127.0.0.1:9',
      email: 'a@example.com',
      token: 'secret-token',
      expiresAt,
    });
    if (process.platform !== 'win32') expect((await stat(join(dir, ACCOUNT_FILE))).mode & 0o777).toBe(0o600);
    const account = createAccountService({ dataDir: dir, settings });
    const status = await account.status();
    expect(status).toEqual({
      serverUrl: 'http://127.0.0.1:9',
      signedIn: true,
      email: 'a@example.com',
      expiresAt,
      tokenProtection: 'file-permissions',
    });
    expect(JSON.stringify(status)).not.toContain('secret-token');
    await account.setServer('http://127.0.0.1:10');
    expect((await account.status()).signedIn).toBe(false);
    await account.setServer('http://127.0.0.1:9');
    expect((await account.status()).signedIn).toBe(true);
    await account.logOut();
    expect((await readdir(dir)).includes(ACCOUNT_FILE)).toBe(false);
  });

  it('seals the token with the injected sealer, and seals a token written before sealing on first read', async () => {
    const settings = createSettingsStore(dir);
    await settings.update({ cloudServerUrl: 'http://127.0.0.1:9' });
    const expiresAt = new Date(Date.now() + 3600_000).toISOString();
    const legacy = {
      serverUrl: 'http://127.0.0.1:9',
      email: 'a@example.com',
      token: 'secret-token',
      expiresAt,
    };
    await writeFile(join(dir, ACCOUNT_FILE), JSON.stringify(legacy)); // the format before sealing
    const account = createAccountService({ dataDir: dir, settings, sealer: testSealer });
    expect(await account.status()).toMatchObject({ signedIn: true, tokenProtection: 'os-keychain' });
    const onDisk = await readFile(join(dir, ACCOUNT_FILE), 'utf8');
    expect(onDisk).not.toContain('secret-token');
    expect(onDisk).toContain(testSealer.seal('secret-token'));
    const session = await createAccountService({ dataDir: dir, settings, sealer: testSealer }).session();
    expect(session).toMatchObject({ token: 'secret-token' });
    // Without the keychain that sealed it, the token cannot be opened: signed out, not a crash.
    const elsewhere = createAccountService({ dataDir: dir, settings });
    expect(await elsewhere.status()).toMatchObject({ signedIn: false, tokenProtection: 'file-permissions' });
  });

  it('treats an expired token as signed out', async () => {
    const settings = createSettingsStore(dir);
    await settings.update({ cloudServerUrl: 'http://127.0.0.1:9' });
    const expiresAt = new Date(Date.now() - 1000).toISOString();
    await writeAccount(dir, {
      serverUrl: 'http://127.0.0.1:9',
      email: 'a@example.com',
      token: 't',
      expiresAt,
    });
    const account = createAccountService({ dataDir: dir, settings });
    expect((await account.status()).signedIn).toBe(false);
    expect(await account.session()).toEqual({ blocked: 'signed-out' });
  });
});

describe('the account and upload bridge methods', () => {
  it('are served by the real services behind the dispatcher, with the contract checked both ways', async () => {
    const services = await createMainServices(dir, () => ({
      name: 'Orakgarak',
      version: 'test',
      platform: process.platform,
      host: 'browser',
      dataDir: dir,
    }));
    open.push(services.uploads);
    const dispatch = createDesktopBridgeDispatcher(services.handlers);
    expect(await dispatch({ method: 'uploads.list', payload: {} })).toEqual({
      ok: true,
      payload: { items: [], blocked: 'no-server' },
    });
    const refused = await dispatch({
      method: 'account.setServer',
      payload: { serverUrl: 'javascript:alert(1)' },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const status = await dispatch({
      method: 'account.setServer',
      payload: { serverUrl: 'http://127.0.0.1:9' },
    });
    expect(status).toMatchObject({ ok: true, payload: { serverUrl: 'http://127.0.0.1:9', signedIn: false } });

    const takes = services.library.require();
    const big = join(takes.takesDir, 'big.wav');
    await writeFile(big, 'RIFF\0\0\0\0WAVE');
    await truncate(big, 101 * 1024 * 1024);
    const take = await takes.addTake({
      title: 'Big',
      fileName: 'big.wav',
      sampleRate: 48_000,
      channels: 1,
      durationSec: 1100,
      sizeBytes: 101 * 1024 * 1024,
    });
    const answer = await dispatch({ method: 'uploads.enqueue', payload: { takeId: take.id } });
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'failed', message: expect.stringMatching(/101\.0 MB/) },
    });
    expect(await services.uploads.list()).toEqual({ items: [], blocked: 'signed-out' });
    await services.analysis.close();
  });
});

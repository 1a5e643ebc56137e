import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { UploadState, UploadView } from '@orak/core';
import { createAccountService, type AccountService } from '../../src/main/cloud/accountService';
import { writeAccount } from '../../src/main/cloud/accountFile';
import type { CloudApiClient } from '../../src/main/cloud/cloudApiClient';
import { createSettingsStore } from '../../src/main/settings/settingsStore';

// A cloud api client in memory (every call recorded, any answer replaceable) and a byte sink for the PUTs,
// for queue tests that need to hold a request mid-way, which the real stack cannot do on cue.

export const FAKE_SERVER = 'http://fake-api.test';

export interface PutSink {
  url: string;
  puts: string[];
  close(): Promise<void>;
}

/** Accepts every PUT with 200 once its body is through. */
export async function startPutSink(): Promise<PutSink> {
  const puts: string[] = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      puts.push(req.url ?? '');
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    puts,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

type Methods = Omit<CloudApiClient, 'baseUrl'>;

export interface FakeCloud {
  client: CloudApiClient;
  /** Every call, in order: the method and the upload id or file name it was about. */
  calls: { method: keyof Methods; about: string }[];
  deleted: string[];
  /** Replace any of these to change an answer. */
  handlers: Methods;
}

export function uploadView(uploadId: string, state: UploadState): UploadView {
  const at = new Date().toISOString();
  return {
    uploadId,
    state,
    fileName: 'take.wav',
    contentType: 'audio/wav',
    sizeBytes: 1,
    createdAt: at,
    updatedAt: at,
    failure: null,
    history: [{ state, at, actor: 'api', detail: null }],
    analysis: null,
    recommendations: null,
  };
}

export function fakeCloud(sinkUrl: string): FakeCloud {
  const calls: FakeCloud['calls'] = [];
  const deleted: string[] = [];
  const expiresAt = () => new Date(Date.now() + 600_000).toISOString();
  // The signature in the URL stands for the credential that must never reach the disk.
  const request = (path: string) => ({
    method: 'PUT' as const,
    url: `${sinkUrl}${path}?X-Amz-Signature=secret-signature`,
    expiresAt: expiresAt(),
  });
  const handlers: Methods = {
    register: () => Promise.reject(new Error('not in the fake')),
    login: () => Promise.reject(new Error('not in the fake')),
    health: () => Promise.resolve(1),
    async createUpload() {
      const uploadId = randomUUID();
      return { uploadId, state: 'REQUESTED', request: request(`/put/${uploadId}`) };
    },
    async createMultipartUpload(_token, wanted) {
      const uploadId = randomUUID();
      const partSizeBytes = wanted.partSizeBytes ?? 8 * 1024 * 1024;
      const count = Math.ceil(wanted.sizeBytes / partSizeBytes);
      const parts = Array.from({ length: count }, (_, i) => ({
        partNumber: i + 1,
        sizeBytes: i + 1 < count ? partSizeBytes : wanted.sizeBytes - (count - 1) * partSizeBytes,
      }));
      return { uploadId, state: 'REQUESTED', partSizeBytes, parts };
    },
    async presignPart(_token, uploadId, partNumber) {
      return { uploadId, partNumber, sizeBytes: 1, request: request(`/put/${uploadId}/${partNumber}`) };
    },
    async listParts(_token, uploadId) {
      return { uploadId, state: 'REQUESTED', partSizeBytes: 5 * 1024 * 1024, parts: [], missing: [1] };
    },
    async completeMultipartUpload(_token, uploadId) {
      return { uploadId, state: 'UPLOADED', sizeBytes: 1 };
    },
    async getUpload(_token, uploadId) {
      return uploadView(uploadId, 'COMPLETED');
    },
    async deleteUpload(_token, uploadId) {
      deleted.push(uploadId);
    },
    async *followUpload(_token, uploadId) {
      yield uploadView(uploadId, 'COMPLETED');
    },
  };
  const record = (method: keyof Methods, about: string) => calls.push({ method, about });
  const client: CloudApiClient = {
    baseUrl: FAKE_SERVER,
    register: (c) => handlers.register(c),
    login: (c) => handlers.login(c),
    health: () => handlers.health(),
    createUpload: (t, r, s) => (record('createUpload', r.fileName), handlers.createUpload(t, r, s)),
    createMultipartUpload: (t, r, s) => (
      record('createMultipartUpload', r.fileName),
      handlers.createMultipartUpload(t, r, s)
    ),
    presignPart: (t, id, n, s) => (record('presignPart', id), handlers.presignPart(t, id, n, s)),
    listParts: (t, id, s) => (record('listParts', id), handlers.listParts(t, id, s)),
    completeMultipartUpload: (t, id, s) => (
      record('completeMultipartUpload', id),
      handlers.completeMultipartUpload(t, id, s)
    ),
    getUpload: (t, id, s) => (record('getUpload', id), handlers.getUpload(t, id, s)),
    deleteUpload: (t, id, s) => (record('deleteUpload', id), handlers.deleteUpload(t, id, s)),
    followUpload: (t, id, s) => (record('followUpload', id), handlers.followUpload(t, id, s)),
  };
  return { client, calls, deleted, handlers };
}

/** An account signed in to the fake server, its client the fake one. */
export async function fakeAccount(dir: string, client: CloudApiClient): Promise<AccountService> {
  const settings = createSettingsStore(dir);
  await settings.update({ cloudServerUrl: FAKE_SERVER });
  const expiresAt = new Date(Date.now() + 3600_000).toISOString();
  await writeAccount(dir, { serverUrl: FAKE_SERVER, email: 'a@example.com', token: 't', expiresAt });
  return createAccountService({ dataDir: dir, settings, clientFor: () => client });
}

export interface Gate<T = void> {
  promise: Promise<T>;
  open(value: T): void;
}

export function gate<T = void>(): Gate<T> {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}

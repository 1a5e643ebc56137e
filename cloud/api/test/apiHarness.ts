import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import {
  LibraryRepository,
  MultipartStore,
  ObjectStore,
  UploadCleanupRepository,
  UploadRepository,
  UserRepository,
  createLogger,
  createS3Client,
  tuneKeepAlive,
  type Pool,
} from '@orak/cloud-common';
import type { S3Settings } from '../../../ops/src/stackSettings';
import { buildApp } from '../src/app';
import { AccountService } from '../src/services/accountService';
import { UploadService } from '../src/services/uploadService';
import { LibraryService } from '../src/services/libraryService';
import { MultipartUploadService } from '../src/services/multipartUploadService';
import { CatalogueService, type CatalogueSource } from '../src/services/catalogueService';
import { RecordingOwnership } from '../src/services/recordingOwnership';

// Runs the real api (real Postgres, real S3 presigning) in-process on a free port.

export interface RunningApi {
  url: string;
  close: () => Promise<void>;
}

export async function startApi(
  pool: Pool,
  s3: S3Settings,
  options: {
    presignTtlSec?: number;
    tokenTtlSec?: number;
    partUrlTtlSec?: number;
    catalogue?: CatalogueSource;
  } = {},
): Promise<RunningApi> {
  const accounts = new AccountService(new UserRepository(pool), {
    tokenTtlSec: options.tokenTtlSec ?? 3600,
    scrypt: { N: 4096, r: 8, p: 1 },
  });
  const client = createS3Client(s3);
  const objects = new ObjectStore(client, s3.bucket);
  const multipartStore = new MultipartStore(client, s3.bucket);
  const uploadRepository = new UploadRepository(pool);
  const cleanup = new UploadCleanupRepository(pool);
  const libraryRepository = new LibraryRepository(pool);
  const recordings = new RecordingOwnership(libraryRepository);
  const uploads = new UploadService(uploadRepository, cleanup, objects, multipartStore, recordings, {
    presignTtlSec: options.presignTtlSec ?? 600,
  });
  const multipart = new MultipartUploadService(
    uploadRepository,
    cleanup,
    multipartStore,
    objects,
    recordings,
    {
      resumeWindowSec: 3600,
      partUrlTtlSec: options.partUrlTtlSec ?? 300,
    },
  );
  const library = new LibraryService(libraryRepository, uploads);
  const catalogue = new CatalogueService(options.catalogue ?? (() => Promise.resolve([])));
  const app = buildApp({
    accounts,
    uploads,
    multipart,
    library,
    catalogue,
    log: createLogger('api-test', 'silent'),
  });
  const server: Server = tuneKeepAlive(app.listen(0, '127.0.0.1'));
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function call(
  api: string,
  path: string,
  init: {
    method?: string;
    token?: string;
    json?: unknown;
    body?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body = init.body;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  }
  const response = await fetch(`${api}${path}`, {
    method: init.method ?? (body ? 'POST' : 'GET'),
    headers,
    body,
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

export async function register(api: string, email: string): Promise<string> {
  const response = await call(api, '/v1/auth/register', { json: { email, password: 'karaoke-night-42' } });
  if (response.status !== 201) throw new Error(`register failed: ${JSON.stringify(response)}`);
  return response.body.token as string;
}

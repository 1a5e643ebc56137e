import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createLogger, createS3Client, tuneKeepAlive, type Pool } from '@orak/cloud-common';
import type { S3Settings } from '../../../ops/src/stackSettings';
import { composeApi } from '../src/apiComposition';
import type { CatalogueSource } from '../src/services/catalogueService';

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
  const app = composeApi({
    pool,
    s3: createS3Client(s3),
    bucket: s3.bucket,
    tokenTtlSec: options.tokenTtlSec ?? 3600,
    presignTtlSec: options.presignTtlSec ?? 600,
    partUrlTtlSec: options.partUrlTtlSec ?? 300,
    multipartResumeSec: 3600,
    catalogue: options.catalogue ?? (() => Promise.resolve([])),
    log: createLogger('api-test', 'silent'),
    scrypt: { N: 4096, r: 8, p: 1 },
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

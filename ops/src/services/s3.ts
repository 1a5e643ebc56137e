import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { freePort } from '../freePort';
import { launch, waitUntilReady, type ServiceHandle } from '../serviceProcess';
import { makeDataDir } from '../serviceDirs';
import type { S3Settings } from '../stackSettings';

/** Where `go install github.com/versity/versitygw/cmd/versitygw@v1.7.0` puts the binary, unless overridden. */
export function versitygwPath(): string {
  const candidates = [
    process.env.VERSITYGW_BIN,
    join(process.env.GOBIN ?? join(process.env.GOPATH ?? join(homedir(), 'go'), 'bin'), 'versitygw'),
  ].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      'versitygw not found: run `bash ops/install-prereqs.sh` (go install github.com/versity/versitygw/cmd/versitygw@v1.7.0)',
    );
  }
  return found;
}

export interface S3StartOptions {
  /** Kafka broker and topic that receive every bucket notification (AWS S3 event-record shape). */
  kafkaBrokers: string;
  eventTopic: string;
  bucket?: string;
}

/**
 * Starts versitygw, an S3-compatible gateway over a POSIX folder that verifies SigV4 (headers, presigned
 * query strings and POST policies) and publishes object-created events to Kafka.
 */
export async function startS3(
  options: S3StartOptions,
): Promise<ServiceHandle<S3Settings & Record<string, string>>> {
  const started = Date.now();
  const dataDir = makeDataDir('s3');
  const root = join(dataDir, 'objects');
  mkdirSync(root);
  const port = await freePort();
  const accessKeyId = `orak${randomBytes(6).toString('hex')}`;
  const secretAccessKey = randomBytes(24).toString('base64url');
  const region = 'us-east-1';
  const { pid, logFile, watchdogPid } = launch({
    name: 's3',
    command: versitygwPath(),
    args: [
      '--port',
      `127.0.0.1:${port}`,
      '--region',
      region,
      '--health',
      '/health',
      '--quiet',
      '--event-kafka-url',
      options.kafkaBrokers,
      '--event-kafka-topic',
      options.eventTopic,
      'posix',
      root,
    ],
    // Secrets travel by environment, never on the command line where `ps` shows them.
    env: { ROOT_ACCESS_KEY_ID: accessKeyId, ROOT_SECRET_ACCESS_KEY: secretAccessKey },
    dataDir,
  });
  const endpoint = `http://127.0.0.1:${port}`;
  await waitUntilReady('s3', pid, logFile, async () => (await fetch(`${endpoint}/health`)).ok);
  const bucket = options.bucket ?? 'orak-takes';
  const client = new S3Client({
    endpoint,
    region,
    forcePathStyle: true,
    credentials: { accessKeyId, secretAccessKey },
  });
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  client.destroy();
  return {
    name: 's3',
    pid,
    dataDir,
    logFile,
    readyMs: Date.now() - started,
    ...(watchdogPid === undefined ? {} : { watchdogPid }),
    settings: { endpoint, region, accessKeyId, secretAccessKey, bucket, eventTopic: options.eventTopic },
  };
}

import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import {
  DatabaseEnvSchema,
  HttpEnvSchema,
  LibraryRepository,
  ObjectStore,
  S3EnvSchema,
  UploadRepository,
  UserRepository,
  createLogger,
  countTransitions,
  createHttpMetrics,
  createPool,
  createServiceRegistry,
  createUploadMetrics,
  createS3Client,
  loadConfig,
  runMigrations,
  tuneKeepAlive,
} from '@orak/cloud-common';
import { buildApp } from './app';
import { AccountService } from './services/accountService';
import { UploadService } from './services/uploadService';
import { LibraryService } from './services/libraryService';

// Reads its config from env, migrates the database, listens on 127.0.0.1 and prints `READY api <url>`.

const ConfigSchema = DatabaseEnvSchema.extend(S3EnvSchema.shape)
  .extend(HttpEnvSchema.shape)
  .extend({
    TOKEN_TTL_SEC: z.coerce
      .number()
      .int()
      .positive()
      .default(12 * 3600),
    PRESIGN_TTL_SEC: z.coerce.number().int().min(1).max(900).default(600),
  });

async function main(): Promise<void> {
  const config = loadConfig(ConfigSchema);
  const log = createLogger('api');
  const pool = createPool(config.DATABASE_URL);
  await runMigrations(pool);
  const s3 = createS3Client({
    endpoint: config.S3_ENDPOINT,
    region: config.S3_REGION,
    accessKeyId: config.S3_ACCESS_KEY_ID,
    secretAccessKey: config.S3_SECRET_ACCESS_KEY,
    bucket: config.S3_BUCKET,
  });
  const registry = createServiceRegistry('api');
  const http = createHttpMetrics(registry);
  const uploadMetrics = createUploadMetrics(registry);
  const accounts = new AccountService(new UserRepository(pool), { tokenTtlSec: config.TOKEN_TTL_SEC });
  const uploads = new UploadService(
    new UploadRepository(pool, countTransitions(uploadMetrics)),
    new ObjectStore(s3, config.S3_BUCKET),
    {
      presignTtlSec: config.PRESIGN_TTL_SEC,
    },
  );
  const server = tuneKeepAlive(
    buildApp({
      accounts,
      uploads,
      library: new LibraryService(new LibraryRepository(pool)),
      log,
      metrics: { registry, http },
    }).listen(config.PORT, config.HOST),
  );
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  console.log(`READY api http://${config.HOST}:${port}`);
  const stop = () => {
    server.close();
    void pool.end().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error('api failed to start:', error);
  process.exit(1);
});

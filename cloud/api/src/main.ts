import { createServer } from 'node:http';
import { z } from 'zod';
import {
  DatabaseEnvSchema,
  HttpEnvSchema,
  LibraryRepository,
  MultipartStore,
  ObjectStore,
  S3EnvSchema,
  UploadCleanupRepository,
  UploadRepository,
  UserRepository,
  countTransitions,
  createHttpMetrics,
  createUploadMetrics,
  createS3Client,
  runService,
  tuneKeepAlive,
} from '@orak/cloud-common';
import { loadDefaultCatalogue } from '@orak/engine';
import { buildApp } from './app';
import { AccountService } from './services/accountService';
import { UploadService } from './services/uploadService';
import { LibraryService } from './services/libraryService';
import { MultipartUploadService } from './services/multipartUploadService';
import { CatalogueService } from './services/catalogueService';
import { RecordingOwnership } from './services/recordingOwnership';

// The api: wires the services into the Koa app; the shared bootstrap listens and prints `READY api <url>`.

const ConfigSchema = DatabaseEnvSchema.extend(S3EnvSchema.shape)
  .extend(HttpEnvSchema.shape)
  .extend({
    TOKEN_TTL_SEC: z.coerce
      .number()
      .int()
      .positive()
      .default(12 * 3600),
    PRESIGN_TTL_SEC: z.coerce.number().int().min(1).max(900).default(600),
    PART_URL_TTL_SEC: z.coerce.number().int().min(1).max(300).default(300),
    MULTIPART_RESUME_SEC: z.coerce
      .number()
      .int()
      .min(60)
      .default(24 * 3600),
  });

runService('api', ConfigSchema, {}, async ({ config, log, pool, registry }) => {
  const s3 = createS3Client({
    endpoint: config.S3_ENDPOINT,
    region: config.S3_REGION,
    accessKeyId: config.S3_ACCESS_KEY_ID,
    secretAccessKey: config.S3_SECRET_ACCESS_KEY,
    bucket: config.S3_BUCKET,
  });
  const http = createHttpMetrics(registry);
  const uploadMetrics = createUploadMetrics(registry);
  const accounts = new AccountService(new UserRepository(pool), { tokenTtlSec: config.TOKEN_TTL_SEC });
  const uploadRepository = new UploadRepository(pool, countTransitions(uploadMetrics));
  const objects = new ObjectStore(s3, config.S3_BUCKET);
  const multipartStore = new MultipartStore(s3, config.S3_BUCKET);
  const cleanup = new UploadCleanupRepository(pool);
  const libraryRepository = new LibraryRepository(pool);
  const recordings = new RecordingOwnership(libraryRepository);
  const uploads = new UploadService(uploadRepository, cleanup, objects, multipartStore, recordings, {
    presignTtlSec: config.PRESIGN_TTL_SEC,
  });
  const multipart = new MultipartUploadService(
    uploadRepository,
    cleanup,
    multipartStore,
    objects,
    recordings,
    {
      resumeWindowSec: config.MULTIPART_RESUME_SEC,
      partUrlTtlSec: config.PART_URL_TTL_SEC,
    },
  );
  const app = buildApp({
    accounts,
    uploads,
    multipart,
    library: new LibraryService(libraryRepository, uploads),
    // The cloud searches and recommends from the shipped catalogue (as the analyzer does).
    catalogue: new CatalogueService(loadDefaultCatalogue),
    log,
    metrics: { registry, http },
  });
  return { server: tuneKeepAlive(createServer(app.callback())) };
});

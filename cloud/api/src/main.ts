import { createServer } from 'node:http';
import { z } from 'zod';
import {
  DatabaseEnvSchema,
  HttpEnvSchema,
  S3EnvSchema,
  countTransitions,
  createHttpMetrics,
  createUploadMetrics,
  createS3Client,
  runService,
  tuneKeepAlive,
} from '@orak/cloud-common';
import { loadDefaultCatalogue } from '@orak/engine';
import { composeApi } from './apiComposition';

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
  const app = composeApi({
    pool,
    s3,
    bucket: config.S3_BUCKET,
    tokenTtlSec: config.TOKEN_TTL_SEC,
    presignTtlSec: config.PRESIGN_TTL_SEC,
    partUrlTtlSec: config.PART_URL_TTL_SEC,
    multipartResumeSec: config.MULTIPART_RESUME_SEC,
    // The cloud searches and recommends from the shipped catalogue (as the analyzer does).
    catalogue: loadDefaultCatalogue,
    log,
    onTransition: countTransitions(createUploadMetrics(registry)),
    metrics: { registry, http: createHttpMetrics(registry) },
  });
  return { server: tuneKeepAlive(createServer(app.callback())) };
});

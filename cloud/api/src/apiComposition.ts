import type Koa from 'koa';
import {
  LibraryRepository,
  MultipartStore,
  ObjectStore,
  UploadCleanupRepository,
  UploadRepository,
  UserRepository,
  createS3Client,
  type Logger,
  type Pool,
  type TransitionObserver,
} from '@orak/cloud-common';
import { buildApp, type AppDeps } from './app';
import { AccountService } from './services/accountService';
import { CatalogueService, type CatalogueSource } from './services/catalogueService';
import { LibraryService } from './services/libraryService';
import { MultipartUploadService } from './services/multipartUploadService';
import type { ScryptParams } from './services/passwordHasher';
import { RecordingOwnership } from './services/recordingOwnership';
import { UploadService } from './services/uploadService';

// The api's services wired over one database and one bucket: the service's main and the tests build the same app.

export interface ApiComposition {
  pool: Pool;
  s3: ReturnType<typeof createS3Client>;
  bucket: string;
  tokenTtlSec: number;
  presignTtlSec: number;
  partUrlTtlSec: number;
  multipartResumeSec: number;
  catalogue: CatalogueSource;
  log: Logger;
  /** Cheaper password hashing for tests; the default is the production cost. */
  scrypt?: ScryptParams;
  onTransition?: TransitionObserver;
  metrics?: AppDeps['metrics'];
}

export function composeApi(settings: ApiComposition): Koa {
  const { pool } = settings;
  const accounts = new AccountService(new UserRepository(pool), {
    tokenTtlSec: settings.tokenTtlSec,
    ...(settings.scrypt ? { scrypt: settings.scrypt } : {}),
  });
  const uploadRepository = new UploadRepository(pool, settings.onTransition);
  const objects = new ObjectStore(settings.s3, settings.bucket);
  const multipartStore = new MultipartStore(settings.s3, settings.bucket);
  const cleanup = new UploadCleanupRepository(pool);
  const libraryRepository = new LibraryRepository(pool);
  const recordings = new RecordingOwnership(libraryRepository);
  const uploads = new UploadService(uploadRepository, cleanup, objects, multipartStore, recordings, {
    presignTtlSec: settings.presignTtlSec,
  });
  const multipart = new MultipartUploadService(
    uploadRepository,
    cleanup,
    multipartStore,
    objects,
    recordings,
    {
      resumeWindowSec: settings.multipartResumeSec,
      partUrlTtlSec: settings.partUrlTtlSec,
    },
  );
  return buildApp({
    accounts,
    uploads,
    multipart,
    library: new LibraryService(libraryRepository, uploads),
    catalogue: new CatalogueService(settings.catalogue),
    log: settings.log,
    ...(settings.metrics ? { metrics: settings.metrics } : {}),
  });
}

import Koa from 'koa';
import { Router } from '@koa/router';
import type { Registry } from 'prom-client';
import type { HttpMetrics, Logger } from '@orak/cloud-common';
import { metricsMiddleware } from './http/metricsMiddleware';
import { errorMiddleware } from './http/errorMiddleware';
import { traceMiddleware } from './http/traceMiddleware';
import { openApiDocument } from './openApiDocument';
import { authRoutes } from './routes/authRoutes';
import { uploadRoutes } from './routes/uploadRoutes';
import { libraryRoutes } from './routes/libraryRoutes';
import { multipartRoutes } from './routes/multipartRoutes';
import { catalogueRoutes } from './routes/catalogueRoutes';
import type { LibraryService } from './services/libraryService';
import type { MultipartUploadService } from './services/multipartUploadService';
import type { CatalogueService } from './services/catalogueService';
import type { AccountService } from './services/accountService';
import type { UploadService } from './services/uploadService';

export interface AppDeps {
  accounts: AccountService;
  uploads: UploadService;
  multipart: MultipartUploadService;
  library: LibraryService;
  catalogue: CatalogueService;
  log: Logger;
  /** When given, requests are measured and GET /metrics serves the registry. */
  metrics?: { registry: Registry; http: HttpMetrics };
}

/** The Koa application: transport only; everything it does is a call into a service. */
export function buildApp(deps: AppDeps): Koa {
  const app = new Koa();
  app.proxy = false;
  // Errors are answered by errorMiddleware; Koa's default printer would only add noise.
  app.silent = true;
  app.use(traceMiddleware(deps.log));
  if (deps.metrics) app.use(metricsMiddleware(deps.metrics.http));
  app.use(errorMiddleware(deps.log));
  const health = new Router();
  health.get('/healthz', (ctx) => {
    ctx.body = { ok: true };
  });
  const openApi = openApiDocument();
  health.get('/v1/openapi.json', (ctx) => {
    ctx.body = openApi;
  });
  const registry = deps.metrics?.registry;
  if (registry) {
    health.get('/metrics', async (ctx) => {
      ctx.type = registry.contentType;
      ctx.body = await registry.metrics();
    });
  }
  const routers = [
    health,
    authRoutes(deps.accounts),
    // Before uploadRoutes: its /:id patterns must not see /multipart first.
    multipartRoutes(deps.accounts, deps.multipart),
    uploadRoutes(deps.accounts, deps.uploads),
    libraryRoutes(deps.accounts, deps.library),
    catalogueRoutes(deps.accounts, deps.catalogue),
  ];
  for (const router of routers) {
    app.use(router.routes());
    app.use(router.allowedMethods({ throw: true }));
  }
  return app;
}

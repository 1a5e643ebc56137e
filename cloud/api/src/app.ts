import Koa from 'koa';
import { Router } from '@koa/router';
import type { Logger } from '@orak/cloud-common';
import { errorMiddleware } from './http/errorMiddleware';
import { authRoutes } from './routes/authRoutes';
import { uploadRoutes } from './routes/uploadRoutes';
import type { AccountService } from './services/accountService';
import type { UploadService } from './services/uploadService';

export interface AppDeps {
  accounts: AccountService;
  uploads: UploadService;
  log: Logger;
}

/** The Koa application: transport only; everything it does is a call into a service. */
export function buildApp(deps: AppDeps): Koa {
  const app = new Koa();
  app.proxy = false;
  // Errors are answered by errorMiddleware; Koa's default printer would only add noise.
  app.silent = true;
  app.use(errorMiddleware(deps.log));
  const health = new Router();
  health.get('/healthz', (ctx) => {
    ctx.body = { ok: true };
  });
  const routers = [health, authRoutes(deps.accounts), uploadRoutes(deps.accounts, deps.uploads)];
  for (const router of routers) {
    app.use(router.routes());
    app.use(router.allowedMethods({ throw: true }));
  }
  return app;
}

import { Router } from '@koa/router';
import { CreateUploadRequestSchema, ListUploadsQuerySchema, UploadIdParamsSchema } from '@orak/core';
import { requireUser, type AuthState } from '../http/authMiddleware';
import { readJsonBody } from '../http/jsonBody';
import { validate } from '../http/validate';
import type { AccountService } from '../services/accountService';
import type { UploadService } from '../services/uploadService';

export function uploadRoutes(accounts: AccountService, uploads: UploadService): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/v1/uploads' });
  router.use(requireUser(accounts));
  router.post('/', async (ctx) => {
    const request = validate(CreateUploadRequestSchema, await readJsonBody(ctx));
    ctx.status = 201;
    ctx.body = await uploads.create(ctx.state.userId, request);
  });
  router.get('/', async (ctx) => {
    const query = validate(ListUploadsQuerySchema, ctx.query);
    ctx.body = await uploads.list(ctx.state.userId, query);
  });
  router.get('/:id', async (ctx) => {
    const { id } = validate(UploadIdParamsSchema, ctx.params);
    ctx.body = await uploads.view(ctx.state.userId, id);
  });
  return router;
}

import { Router } from '@koa/router';
import {
  CompleteMultipartUploadRequestSchema,
  CreateMultipartUploadRequestSchema,
  UploadIdParamsSchema,
  UploadPartParamsSchema,
} from '@orak/core';
import { requireUser, type AuthState } from '../http/authMiddleware';
import { readJsonBody } from '../http/jsonBody';
import { validate } from '../http/validate';
import type { AccountService } from '../services/accountService';
import type { MultipartUploadService } from '../services/multipartUploadService';

// Multipart uploads: start, sign one part just in time, list stored parts, complete, abort.

export function multipartRoutes(
  accounts: AccountService,
  multipart: MultipartUploadService,
): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/v1/uploads' });
  router.use(requireUser(accounts));
  router.post('/multipart', async (ctx) => {
    const request = validate(CreateMultipartUploadRequestSchema, await readJsonBody(ctx));
    ctx.status = 201;
    ctx.body = await multipart.create(ctx.state.userId, request, ctx.state.traceId);
  });
  router.post('/:id/parts/:partNumber/url', async (ctx) => {
    const { id, partNumber } = validate(UploadPartParamsSchema, ctx.params);
    ctx.body = await multipart.presignPart(ctx.state.userId, id, partNumber);
  });
  router.get('/:id/parts', async (ctx) => {
    const { id } = validate(UploadIdParamsSchema, ctx.params);
    ctx.body = await multipart.listParts(ctx.state.userId, id);
  });
  router.post('/:id/complete', async (ctx) => {
    const { id } = validate(UploadIdParamsSchema, ctx.params);
    const request = validate(CompleteMultipartUploadRequestSchema, await readJsonBody(ctx));
    ctx.body = await multipart.complete(ctx.state.userId, id, request);
  });
  router.post('/:id/abort', async (ctx) => {
    const { id } = validate(UploadIdParamsSchema, ctx.params);
    ctx.body = await multipart.abort(ctx.state.userId, id);
  });
  return router;
}

import { PassThrough } from 'node:stream';
import { Router } from '@koa/router';
import {
  CreateUploadRequestSchema,
  ListUploadsQuerySchema,
  UploadIdParamsSchema,
  type ErrorBody,
  type UploadView,
} from '@orak/core';
import { ApiError } from '../http/apiError';
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
    ctx.body = await uploads.create(ctx.state.userId, request, ctx.state.traceId);
  });
  router.get('/', async (ctx) => {
    const query = validate(ListUploadsQuerySchema, ctx.query);
    ctx.body = await uploads.list(ctx.state.userId, query);
  });
  // Server-sent events: one `state` event per change, then the stream ends at a terminal state.
  router.get('/:id/events', async (ctx) => {
    const { id } = validate(UploadIdParamsSchema, ctx.params);
    const abort = new AbortController();
    const updates = uploads.follow(ctx.state.userId, id, abort.signal);
    const first = await updates.next(); // a 404 surfaces here, before any header is sent
    const stream = new PassThrough();
    ctx.req.once('close', () => abort.abort());
    ctx.set({ 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    ctx.status = 200;
    ctx.body = stream;
    const send = (view: UploadView) =>
      stream.write(`event: state\nid: ${view.history.length}\ndata: ${JSON.stringify(view)}\n\n`);
    if (!first.done) send(first.value);
    void (async () => {
      try {
        for await (const view of updates) send(view);
      } catch (error) {
        // An upload deleted while followed ends the stream with not_found, like a fresh request would.
        const body: ErrorBody =
          error instanceof ApiError
            ? { error: { code: error.code, message: error.message } }
            : { error: { code: 'internal', message: 'stream failed' } };
        stream.write(`event: error\ndata: ${JSON.stringify(body)}\n\n`);
      } finally {
        stream.end();
      }
    })();
  });
  router.get('/:id', async (ctx) => {
    const { id } = validate(UploadIdParamsSchema, ctx.params);
    ctx.body = await uploads.view(ctx.state.userId, id);
  });
  router.delete('/:id', async (ctx) => {
    const { id } = validate(UploadIdParamsSchema, ctx.params);
    await uploads.remove(ctx.state.userId, id);
    ctx.status = 204;
  });
  return router;
}

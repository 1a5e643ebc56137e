import { PassThrough } from 'node:stream';
import { Router } from '@koa/router';
import {
  CreateUploadRequestSchema,
  ListUploadsQuerySchema,
  UploadIdParamsSchema,
  type UploadView,
} from '@orak/core';
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
      } catch {
        stream.write('event: error\ndata: {"error":{"code":"internal","message":"stream failed"}}\n\n');
      } finally {
        stream.end();
      }
    })();
  });
  router.get('/:id', async (ctx) => {
    const { id } = validate(UploadIdParamsSchema, ctx.params);
    ctx.body = await uploads.view(ctx.state.userId, id);
  });
  return router;
}

import { Router } from '@koa/router';
import {
  AlbumIdParamsSchema,
  CreateAlbumRequestSchema,
  CreateRecordingRequestSchema,
  ListRecordingsQuerySchema,
  RecordingIdParamsSchema,
  RenameAlbumRequestSchema,
  UpdateRecordingRequestSchema,
} from '@orak/core';
import { requireUser, type AuthState } from '../http/authMiddleware';
import { readJsonBody } from '../http/jsonBody';
import { validate } from '../http/validate';
import type { AccountService } from '../services/accountService';
import type { LibraryService } from '../services/libraryService';

export function libraryRoutes(accounts: AccountService, library: LibraryService): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/v1' });
  router.use(requireUser(accounts));
  router.post('/albums', async (ctx) => {
    const { name } = validate(CreateAlbumRequestSchema, await readJsonBody(ctx));
    ctx.status = 201;
    ctx.body = await library.createAlbum(ctx.state.userId, name);
  });
  router.get('/albums', async (ctx) => {
    ctx.body = await library.listAlbums(ctx.state.userId);
  });
  router.patch('/albums/:id', async (ctx) => {
    const { id } = validate(AlbumIdParamsSchema, ctx.params);
    const { name } = validate(RenameAlbumRequestSchema, await readJsonBody(ctx));
    ctx.body = await library.renameAlbum(ctx.state.userId, id, name);
  });
  router.delete('/albums/:id', async (ctx) => {
    const { id } = validate(AlbumIdParamsSchema, ctx.params);
    await library.deleteAlbum(ctx.state.userId, id);
    ctx.status = 204;
  });
  router.post('/recordings', async (ctx) => {
    const body = validate(CreateRecordingRequestSchema, await readJsonBody(ctx));
    ctx.status = 201;
    ctx.body = await library.createRecording(ctx.state.userId, body.title, body.albumId);
  });
  router.get('/recordings', async (ctx) => {
    const { albumId } = validate(ListRecordingsQuerySchema, ctx.query);
    ctx.body = await library.listRecordings(ctx.state.userId, albumId);
  });
  router.patch('/recordings/:id', async (ctx) => {
    const { id } = validate(RecordingIdParamsSchema, ctx.params);
    const change = validate(UpdateRecordingRequestSchema, await readJsonBody(ctx));
    ctx.body = await library.updateRecording(ctx.state.userId, id, change);
  });
  router.delete('/recordings/:id', async (ctx) => {
    const { id } = validate(RecordingIdParamsSchema, ctx.params);
    await library.deleteRecording(ctx.state.userId, id);
    ctx.status = 204;
  });
  return router;
}

import { Router } from '@koa/router';
import { CatalogueSearchQuerySchema } from '@orak/core';
import { requireUser, type AuthState } from '../http/authMiddleware';
import { validate } from '../http/validate';
import type { AccountService } from '../services/accountService';
import type { CatalogueService } from '../services/catalogueService';

export function catalogueRoutes(accounts: AccountService, catalogue: CatalogueService): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/v1/catalogue' });
  router.use(requireUser(accounts));
  router.get('/songs', async (ctx) => {
    ctx.body = await catalogue.search(validate(CatalogueSearchQuerySchema, ctx.query));
  });
  return router;
}

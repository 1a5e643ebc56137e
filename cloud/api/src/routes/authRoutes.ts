import { Router } from '@koa/router';
import { CredentialsSchema } from '@orak/core';
import { readJsonBody } from '../http/jsonBody';
import { validate } from '../http/validate';
import type { AccountService } from '../services/accountService';

export function authRoutes(accounts: AccountService): Router {
  const router = new Router({ prefix: '/v1/auth' });
  router.post('/register', async (ctx) => {
    const credentials = validate(CredentialsSchema, await readJsonBody(ctx));
    ctx.status = 201;
    ctx.body = await accounts.register(credentials);
  });
  router.post('/login', async (ctx) => {
    const credentials = validate(CredentialsSchema, await readJsonBody(ctx));
    ctx.body = await accounts.login(credentials);
  });
  return router;
}

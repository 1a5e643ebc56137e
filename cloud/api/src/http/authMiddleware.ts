import type { Middleware } from 'koa';
import { ApiError } from './apiError';
import type { AccountService } from '../services/accountService';

export interface AuthState {
  userId: string;
  /** Set by traceMiddleware, which runs first. */
  traceId?: string;
}

/** Requires `Authorization: Bearer <token>` naming a live session; puts the user id on ctx.state. */
export function requireUser(accounts: AccountService): Middleware<AuthState> {
  return async (ctx, next) => {
    const header = ctx.get('authorization');
    const match = /^Bearer\s+([A-Za-z0-9_-]{10,200})$/.exec(header);
    if (!match) throw new ApiError(401, 'unauthorized', 'missing or malformed bearer token');
    const userId = await accounts.authenticate(match[1]!);
    if (!userId) throw new ApiError(401, 'unauthorized', 'token unknown or expired');
    ctx.state.userId = userId;
    await next();
  };
}

import type { Middleware } from 'koa';
import type { ErrorBody } from '@orak/core';
import type { Logger } from '@orak/cloud-common';
import { ApiError } from './apiError';

// Every failure leaves as JSON with a stable code; only genuine bugs become 500 (and are logged).

export function errorMiddleware(log: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new ApiError(404, 'not_found', 'no such route');
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.status >= 500) log.error({ err: error, path: ctx.path }, 'request failed');
      const body: ErrorBody = { error: { code: apiError.code, message: apiError.message } };
      if (apiError.issues) body.error.issues = apiError.issues;
      ctx.status = apiError.status;
      ctx.body = body;
    }
  };
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  // Koa and its helpers throw http-errors with `status` and `expose` for client mistakes.
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (status === 405) return new ApiError(405, 'method_not_allowed', 'method not allowed');
    if (status === 413) return new ApiError(413, 'payload_too_large', 'request body too large');
    return new ApiError(status, 'invalid_request', (error as Error).message || 'bad request');
  }
  return new ApiError(500, 'internal', 'internal error');
}

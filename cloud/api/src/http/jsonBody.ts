import type { Context } from 'koa';
import { ApiError } from './apiError';

// Reads a JSON body ourselves: a size cap, a content-type check and a clear code for each way it can be wrong.

export const MAX_JSON_BODY_BYTES = 64 * 1024;

export async function readJsonBody(ctx: Context, limit = MAX_JSON_BODY_BYTES): Promise<unknown> {
  if (!ctx.is('application/json')) {
    throw new ApiError(415, 'unsupported_media_type', 'send the body as application/json');
  }
  const declared = Number(ctx.get('content-length') || '0');
  if (declared > limit) throw new ApiError(413, 'payload_too_large', `body larger than ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) {
      ctx.req.destroy();
      throw new ApiError(413, 'payload_too_large', `body larger than ${limit} bytes`);
    }
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, 'invalid_json', 'body is not valid JSON');
  }
}

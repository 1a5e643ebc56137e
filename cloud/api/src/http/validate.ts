import type { z } from 'zod';
import { ApiError } from './apiError';

/** Parses input with the shared contract; a mismatch is a 400 listing each bad field. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
  throw new ApiError(400, 'invalid_request', 'request does not match the contract', issues);
}

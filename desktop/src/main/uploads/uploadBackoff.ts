// Exponential backoff with jitter for network and server errors, so many clients do not retry in step.

export interface BackoffPolicy {
  baseMs: number;
  factor: number;
  maxMs: number;
  /** 0..1: the delay is drawn from [delay * (1 - jitter), delay]. */
  jitter: number;
  /** Failed attempts in a row after which the item stops and waits for the singer. */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  baseMs: 1000,
  factor: 2,
  maxMs: 60_000,
  jitter: 0.25,
  maxAttempts: 8,
};

/** The wait before attempt `attempt + 1`, after `attempt` (>= 1) failures in a row. */
export function backoffDelayMs(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const raw = Math.min(policy.maxMs, policy.baseMs * policy.factor ** Math.max(0, attempt - 1));
  return Math.round(raw * (1 - policy.jitter * random()));
}

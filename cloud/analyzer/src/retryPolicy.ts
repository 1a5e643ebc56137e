// Exponential backoff with full jitter for transient failures; permanent ones are rethrown at once.

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 250, maxDelayMs: 5_000 };

export function backoffDelayMs(policy: RetryPolicy, failedAttempts: number, random = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failedAttempts - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export class RetriesExhaustedError extends Error {
  constructor(
    readonly attempts: number,
    readonly lastError: unknown,
  ) {
    super(
      `failed after ${attempts} attempts: ${lastError instanceof Error ? lastError.message : String(lastError)}`,
    );
    this.name = 'RetriesExhaustedError';
  }
}

export async function withRetries<T>(
  work: (attempt: number) => Promise<T>,
  options: {
    policy: RetryPolicy;
    isPermanent: (error: unknown) => boolean;
    /** Called while waiting (e.g. to heartbeat the consumer group). */
    onRetry?: (attempt: number, error: unknown, delayMs: number) => Promise<void> | void;
    sleep?: (ms: number) => Promise<void>;
  },
): Promise<T> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await work(attempt);
    } catch (error) {
      if (options.isPermanent(error)) throw error;
      if (attempt >= options.policy.attempts) throw new RetriesExhaustedError(attempt, error);
      const delayMs = backoffDelayMs(options.policy, attempt);
      await options.onRetry?.(attempt, error, delayMs);
      await sleep(delayMs);
    }
  }
}

import { describe, expect, it } from 'vitest';
import { RetriesExhaustedError, backoffDelayMs, withRetries } from '../src/retryPolicy';

const policy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 1_000 };

describe('withRetries', () => {
  it('retries transient failures with growing delays, then succeeds', async () => {
    const delays: number[] = [];
    let calls = 0;
    const result = await withRetries(
      async () => {
        calls++;
        if (calls < 3) throw new Error('flaky');
        return 'ok';
      },
      { policy, isPermanent: () => false, sleep: async (ms) => void delays.push(ms) },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(delays).toHaveLength(2);
    expect(delays[0]).toBeGreaterThanOrEqual(50);
    expect(delays[0]).toBeLessThanOrEqual(100);
    expect(delays[1]).toBeGreaterThanOrEqual(100);
    expect(delays[1]).toBeLessThanOrEqual(200);
  });

  it('gives up after the configured attempts with the last error', async () => {
    let calls = 0;
    const failing = withRetries(
      async () => {
        calls++;
        throw new Error(`attempt ${calls}`);
      },
      { policy, isPermanent: () => false, sleep: async () => undefined },
    );
    await expect(failing).rejects.toBeInstanceOf(RetriesExhaustedError);
    await expect(failing).rejects.toThrow('failed after 4 attempts: attempt 4');
    expect(calls).toBe(4);
  });

  it('does not retry a permanent failure', async () => {
    let calls = 0;
    await expect(
      withRetries(
        async () => {
          calls++;
          throw new TypeError('bad input');
        },
        { policy, isPermanent: (e) => e instanceof TypeError, sleep: async () => undefined },
      ),
    ).rejects.toBeInstanceOf(TypeError);
    expect(calls).toBe(1);
  });
});

describe('backoffDelayMs', () => {
  it('doubles up to the cap, jittered in the upper half', () => {
    expect(backoffDelayMs(policy, 1, () => 0)).toBe(50);
    expect(backoffDelayMs(policy, 1, () => 1)).toBe(100);
    expect(backoffDelayMs(policy, 3, () => 1)).toBe(400);
    expect(backoffDelayMs(policy, 10, () => 1)).toBe(1_000);
  });
});

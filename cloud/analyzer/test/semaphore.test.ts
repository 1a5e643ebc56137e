import { describe, expect, it } from 'vitest';
import { Semaphore } from '../src/semaphore';

describe('Semaphore', () => {
  it('never lets more than `permits` tasks run at once, and runs them all', async () => {
    const semaphore = new Semaphore(2);
    let running = 0;
    let peak = 0;
    const task = () =>
      semaphore.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        return 1;
      });
    const results = await Promise.all(Array.from({ length: 10 }, task));
    expect(results).toHaveLength(10);
    expect(peak).toBe(2);
    expect(semaphore.inUse).toBe(0);
  });

  it('releases the permit when the task throws, and a double release is harmless', async () => {
    const semaphore = new Semaphore(1);
    await expect(semaphore.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const release = await semaphore.acquire();
    release();
    release();
    expect(semaphore.inUse).toBe(0);
  });

  it('refuses zero permits', () => {
    expect(() => new Semaphore(0)).toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import type { AnalysisJob, DesktopBridge } from '@orak/core';
import { runAnalysis } from '../src/renderer/analysis/pollAnalysis';

// The renderer's analysis polling stops when its screen goes away (the signal aborts), and not before.

function runningBridge(): { bridge: DesktopBridge; polls: () => number } {
  let polls = 0;
  const job: AnalysisJob = {
    jobId: 'job-1',
    takeId: 'take-1',
    state: 'running',
    stage: 'pitch',
    fraction: 0.5,
    error: null,
  };
  const invoke = async (method: string) => {
    if (method === 'analysis.status') polls++;
    return job;
  };
  return { bridge: { invoke } as unknown as DesktopBridge, polls: () => polls };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('runAnalysis polling', () => {
  it('keeps polling a running job, and stops for good once the signal aborts', async () => {
    const { bridge, polls } = runningBridge();
    const controller = new AbortController();
    const seen: AnalysisJob[] = [];
    const run = await runAnalysis(bridge, 'take-1', (job) => seen.push(job), controller.signal);
    const ended = run.ended.catch((error: unknown) => error);
    await wait(400);
    expect(polls()).toBeGreaterThanOrEqual(2);
    controller.abort();
    const after = polls();
    const reported = seen.length;
    await wait(500);
    expect(polls()).toBeLessThanOrEqual(after + 1);
    expect(seen.length).toBe(reported);
    expect(await ended).toMatchObject({ name: 'AbortError' });
  });

  it('does not poll at all when the signal aborted before the job started', async () => {
    const { bridge, polls } = runningBridge();
    const controller = new AbortController();
    controller.abort();
    const run = await runAnalysis(bridge, 'take-1', () => undefined, controller.signal);
    await expect(run.ended).rejects.toMatchObject({ name: 'AbortError' });
    await wait(300);
    expect(polls()).toBe(0);
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';
import './support/providedContext';

const run = promisify(execFile);

describe('Prometheus and Alertmanager (Debian)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'orak-promtool-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('promtool accepts a valid config and rejects a broken one', async () => {
    const good = join(dir, 'good.yml');
    writeFileSync(
      good,
      "scrape_configs:\n  - job_name: api\n    static_configs:\n      - targets: ['127.0.0.1:9000']\n",
    );
    const ok = await run('promtool', ['check', 'config', good]);
    expect(ok.stdout + ok.stderr).toMatch(/SUCCESS/);

    const bad = join(dir, 'bad.yml');
    writeFileSync(bad, 'scrape_configs:\n  - job_name: api\n    scrape_interval: not-a-duration\n');
    await expect(run('promtool', ['check', 'config', bad])).rejects.toMatchObject({ code: 1 });
  });

  it('the live Prometheus scrapes itself and answers PromQL; Alertmanager answers its API', async () => {
    const { prometheus, alertmanager } = inject('services');
    const deadline = Date.now() + 30_000;
    let up: string | undefined;
    while (Date.now() < deadline && up !== '1') {
      const res = await fetch(
        `${prometheus.url}/api/v1/query?query=${encodeURIComponent('up{job="prometheus"}')}`,
      );
      const body = (await res.json()) as { data: { result: { value: [number, string] }[] } };
      up = body.data.result[0]?.value[1];
      if (up !== '1') await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(up).toBe('1');
    const status = await fetch(`${alertmanager.url}/api/v2/status`);
    expect(status.status).toBe(200);
    expect(((await status.json()) as { cluster: { status: string } }).cluster.status).toBe('disabled');
  });
});

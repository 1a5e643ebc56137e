import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROMETHEUS_DIR } from '../src/alerting/alertRuleFiles';

const run = promisify(execFile);
const opsDir = join(PROMETHEUS_DIR, '..');
const composeFile = join(opsDir, 'docker-compose.yml');

interface ComposeFile {
  services: Record<
    string,
    { image?: string; build?: unknown; ports?: string[]; environment?: Record<string, string> }
  >;
}

describe('ops/docker-compose.yml', () => {
  it('is valid for docker-compose (checked without an engine) with the example env', async () => {
    await run('docker-compose', [
      '--env-file',
      join(opsDir, '.env.example'),
      '-f',
      composeFile,
      'config',
      '-q',
    ]);
  });

  it('refuses to start without the secrets instead of running with defaults', async () => {
    await expect(
      run('docker-compose', ['-f', composeFile, 'config', '-q'], { env: { PATH: process.env.PATH } }),
    ).rejects.toMatchObject({
      stderr: expect.stringMatching(/set .* in ops\/\.env/),
    });
  });

  it('runs the whole stack, and Prometheus scrapes at least six targets that exist in it', async () => {
    const { stdout } = await run('docker-compose', [
      '--env-file',
      join(opsDir, '.env.example'),
      '-f',
      composeFile,
      'config',
    ]);
    const compose = parse(stdout) as ComposeFile;
    const services = Object.keys(compose.services);
    for (const required of [
      'kafka',
      's3',
      'postgres',
      'api',
      'bridge',
      'analyzer',
      'reconciler',
      'prometheus',
      'alertmanager',
      'grafana',
      'loki',
      'promtail',
      'node-exporter',
      'kafka-exporter',
      'postgres-exporter',
    ]) {
      expect(services).toContain(required);
    }
    const prometheus = parse(readFileSync(join(PROMETHEUS_DIR, 'prometheus.yml'), 'utf8')) as {
      scrape_configs: {
        job_name: string;
        static_configs: { targets: string[] }[];
        relabel_configs?: { replacement?: string }[];
      }[];
    };
    const hosts = prometheus.scrape_configs.flatMap((job) => {
      const viaProbe = job.relabel_configs?.find((r) => r.replacement)?.replacement;
      return viaProbe ? [viaProbe] : job.static_configs.flatMap((c) => c.targets);
    });
    const scraped = hosts.map((target) => target.split(':')[0]!).filter((host) => host !== 'localhost');
    for (const host of scraped) expect(services, host).toContain(host);
    expect(new Set(scraped).size).toBeGreaterThanOrEqual(6);
    // Ports published only on loopback.
    for (const [name, service] of Object.entries(compose.services)) {
      for (const port of service.ports ?? []) expect(JSON.stringify(port), name).toMatch(/127\.0\.0\.1/);
    }
  });
});

import { createServer, type Server } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindServicesToOwner, type ServiceHandle } from '../src/serviceProcess';
import { makeDataDir, removeDataDir } from '../src/serviceDirs';
import { stopService } from '../src/localStack';
import { startAlertmanager } from '../src/services/prometheus';
import { alertmanagerConfigWithReceiversAt } from '../src/alerting/alertmanagerConfig';

interface Delivery {
  receiver: string;
  body: { channel?: string; username?: string; attachments?: { title?: string; text?: string }[] };
}

describe('Alertmanager live: routing and inhibition with the committed config', () => {
  let capture: Server;
  let alertmanager: ServiceHandle<{ url: string }>;
  let configDir: string;
  const deliveries: Delivery[] = [];

  beforeAll(async () => {
    capture = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => {
        deliveries.push({ receiver: (req.url ?? '/').slice(1), body: JSON.parse(raw) as Delivery['body'] });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => capture.listen(0, '127.0.0.1', resolve));
    const port = (capture.address() as { port: number }).port;
    configDir = makeDataDir('am-config');
    const configFile = join(configDir, 'alertmanager.yml');
    writeFileSync(configFile, alertmanagerConfigWithReceiversAt(`http://127.0.0.1:${port}`));
    bindServicesToOwner(process.pid);
    alertmanager = await startAlertmanager({ configFile });
  });

  afterAll(async () => {
    if (alertmanager) await stopService(alertmanager);
    await new Promise((resolve) => capture?.close(resolve));
    if (configDir) removeDataDir(configDir);
  });

  const alert = (labels: Record<string, string>) => ({
    labels: { stack: 'orak', ...labels },
    annotations: { summary: `${labels.alertname} summary`, description: 'd', runbook_url: 'ops/RUNBOOK.md' },
    startsAt: new Date().toISOString(),
  });

  it('a down analyzer pages once and silences the lag it causes; unrelated alerts still reach their team', async () => {
    // The cause fires first, as in production (its symptoms take longer to show): inhibition needs it known.
    const cause = alert({
      alertname: 'OrakServiceDown',
      service: 'analyzer',
      severity: 'critical',
      team: 'platform',
      job: 'orak-analyzer',
    });
    const first = await fetch(`${alertmanager.settings.url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([cause]),
    });
    expect(first.status).toBe(200);
    await expect
      .poll(
        async () =>
          ((await (await fetch(`${alertmanager.settings.url}/api/v2/alerts`)).json()) as unknown[]).length,
      )
      .toBe(1);
    const response = await fetch(`${alertmanager.settings.url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        alert({
          alertname: 'OrakServiceDown',
          service: 'analyzer',
          severity: 'critical',
          team: 'platform',
          job: 'orak-analyzer',
        }),
        alert({
          alertname: 'ConsumerLagHigh',
          service: 'analyzer',
          severity: 'warning',
          team: 'pipeline',
          group: 'analyzer',
        }),
        alert({
          alertname: 'NoUploadsCompleting',
          service: 'analyzer',
          severity: 'critical',
          team: 'pipeline',
        }),
        alert({ alertname: 'ApiHighLatency', service: 'api', severity: 'warning', team: 'backend' }),
      ]),
    });
    expect(response.status).toBe(200);

    type Listed = { labels: Record<string, string>; status: { state: string; inhibitedBy: string[] } };
    let listed: Listed[] = [];
    await expect
      .poll(
        async () => {
          listed = (await (await fetch(`${alertmanager.settings.url}/api/v2/alerts`)).json()) as Listed[];
          return listed.filter((a) => a.status.state === 'suppressed').length;
        },
        { timeout: 10_000 },
      )
      .toBe(2);
    const state = (name: string) => listed.find((a) => a.labels.alertname === name)!.status;
    expect(state('ConsumerLagHigh').inhibitedBy).toHaveLength(1);
    expect(state('NoUploadsCompleting').inhibitedBy).toHaveLength(1);
    expect(state('OrakServiceDown').state).toBe('active');
    expect(state('ApiHighLatency').state).toBe('active');

    // Chat receivers wait group_wait (10 s) before the first message.
    await expect.poll(() => deliveries.length, { timeout: 20_000, interval: 250 }).toBeGreaterThanOrEqual(3);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const by = (receiver: string) => deliveries.filter((d) => d.receiver === receiver);
    expect(by('pager')).toHaveLength(1);
    expect(by('pager')[0]!.body.attachments?.[0]?.text).toMatch(/@here OrakServiceDown summary/);
    expect(by('pager')[0]!.body.channel).toBe('#oncall');
    expect(by('chat-platform').map((d) => d.body.attachments?.[0]?.title)).toEqual([
      '[FIRING] OrakServiceDown',
    ]);
    expect(by('chat-backend').map((d) => d.body.attachments?.[0]?.title)).toEqual([
      '[FIRING] ApiHighLatency',
    ]);
    expect(by('chat-pipeline')).toHaveLength(0);
  });
});

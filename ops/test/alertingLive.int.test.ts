import { createServer, type Server } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { stringify } from 'yaml';
import { bindServicesToOwner, logTail, type ServiceHandle } from '../src/serviceProcess';
import { makeDataDir, removeDataDir } from '../src/serviceDirs';
import { stopService, stopServices } from '../src/localStack';
import { startAlertmanager, startPrometheus } from '../src/services/prometheus';
import { startCloudService, type CloudServiceName } from '../src/services/cloudService';
import { cloudServiceEnv } from '../src/cloudStack';
import { ruleFiles } from '../src/alerting/alertRuleFiles';
import { alertmanagerConfigWithReceiversAt } from '../src/alerting/alertmanagerConfig';
import './support/providedContext';

interface Notification {
  receiver: string;
  at: number;
  title: string;
}

// The real Prometheus (committed rules, 5 s scrapes) and Alertmanager (committed routes) watch the real services.
describe('alerting live: real Prometheus and Alertmanager scraping the real services', () => {
  const services = inject('services');
  const env = { ...cloudServiceEnv(services), BRIDGE_TOKEN: 'live-alerting-test-token-0123456789' };
  const running = new Map<CloudServiceName, ServiceHandle<{ url: string; port: string }>>();
  const monitors: ServiceHandle[] = [];
  const notifications: Notification[] = [];
  let receiver: Server;
  let configDir = '';

  beforeAll(async () => {
    bindServicesToOwner(process.pid);
    receiver = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => {
        const body = JSON.parse(raw) as {
          attachments?: { title?: string }[];
          alerts?: { labels: { alertname: string } }[];
        };
        const title =
          body.attachments?.[0]?.title ?? body.alerts?.map((a) => a.labels.alertname).join(',') ?? '';
        notifications.push({ receiver: (req.url ?? '/').slice(1), at: Date.now(), title });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;

    running.set('api', await startCloudService('api', { env }));
    for (const name of ['bridge', 'analyzer', 'reconciler'] as const) {
      running.set(name, await startCloudService(name, { env }));
    }

    configDir = makeDataDir('live-alerting');
    const amConfig = join(configDir, 'alertmanager.yml');
    writeFileSync(amConfig, alertmanagerConfigWithReceiversAt(receiverUrl));
    const alertmanager = await startAlertmanager({ configFile: amConfig });
    monitors.push(alertmanager);
    const promConfig = join(configDir, 'prometheus.yml');
    writeFileSync(
      promConfig,
      stringify({
        global: { scrape_interval: '5s', evaluation_interval: '5s', external_labels: { stack: 'orak' } },
        rule_files: ruleFiles(),
        alerting: {
          alertmanagers: [
            { static_configs: [{ targets: [alertmanager.settings.url.replace('http://', '')] }] },
          ],
        },
        scrape_configs: [...running.entries()].map(([name, handle]) => ({
          job_name: `orak-${name}`,
          static_configs: [{ targets: [`127.0.0.1:${handle.settings.port}`], labels: { service: name } }],
        })),
      }),
    );
    monitors.push(await startPrometheus({ configFile: promConfig }));
  }, 240_000);

  afterAll(async () => {
    await stopServices([...running.values(), ...monitors]);
    await new Promise((resolve) => receiver?.close(resolve));
    if (configDir) removeDataDir(configDir);
  });

  const pages = () => notifications.filter((n) => n.receiver !== 'deadmans-switch');

  it('every service exposes its metrics and the dead-man switch reaches the heartbeat receiver', async () => {
    const prometheus = monitors[1]!.settings.url;
    await expect
      .poll(
        async () => {
          const res = await fetch(
            `${prometheus}/api/v1/query?query=${encodeURIComponent('sum(up{job=~"orak-.*"})')}`,
          );
          const body = (await res.json()) as { data: { result: { value: [number, string] }[] } };
          return body.data.result[0]?.value[1];
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe('4');
    // Prometheus re-sends a firing alert only after its 1 m resend delay, so one lost first push costs a minute.
    const heartbeatDeadlineMs = 60_000 + 5_000 + 25_000;
    const heartbeatArrived = await expect
      .poll(() => notifications.some((n) => n.receiver === 'deadmans-switch'), {
        timeout: heartbeatDeadlineMs,
        interval: 500,
      })
      .toBe(true)
      .then(() => true)
      .catch(() => false);
    if (!heartbeatArrived) {
      const [promAlerts, amAlerts] = await Promise.all([
        fetch(`${prometheus}/api/v1/alerts`).then((r) => r.text()),
        fetch(`${monitors[0]!.settings.url}/api/v2/alerts`).then((r) => r.text()),
      ]);
      throw new Error(
        `no heartbeat within ${heartbeatDeadlineMs} ms\nprometheus alerts: ${promAlerts.slice(0, 1500)}\n` +
          `alertmanager alerts: ${amAlerts.slice(0, 1500)}\nnotifications: ${JSON.stringify(notifications)}\n` +
          `prometheus log:\n${logTail(monitors[1]!.logFile)}\nalertmanager log:\n${logTail(monitors[0]!.logFile)}`,
      );
    }
  }, 150_000);

  it('a restart of the bridge (a few seconds down) sends no notification', async () => {
    const bridge = running.get('bridge')!;
    const before = pages().length;
    await stopService(bridge);
    running.set('bridge', await startCloudService('bridge', { env, port: Number(bridge.settings.port) }));
    // Well past `for: 1m` plus scrape and evaluation intervals.
    await new Promise((resolve) => setTimeout(resolve, 90_000));
    expect(pages().slice(before)).toEqual([]);
  }, 180_000);

  it('a stopped analyzer pages on-call within two minutes, with the time measured', async () => {
    const analyzer = running.get('analyzer')!;
    const stoppedAt = Date.now();
    await stopService(analyzer);
    running.delete('analyzer');
    await expect
      .poll(() => pages().find((n) => n.receiver === 'pager' && n.title.includes('OrakServiceDown')), {
        timeout: 150_000,
        interval: 500,
      })
      .toBeDefined();
    const page = pages().find((n) => n.receiver === 'pager' && n.title.includes('OrakServiceDown'))!;
    const seconds = (page.at - stoppedAt) / 1000;
    console.log(`[alerting] analyzer stopped -> page received in ${seconds.toFixed(1)} s`);
    expect(seconds).toBeGreaterThanOrEqual(60);
    expect(seconds).toBeLessThan(120);
  }, 200_000);
});

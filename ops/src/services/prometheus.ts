import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../freePort';
import { launch, waitUntilReady, type ServiceHandle } from '../serviceProcess';
import { makeDataDir } from '../serviceDirs';

export interface PrometheusStartOptions {
  /** A prometheus.yml to use; by default a minimal one that scrapes Prometheus itself. */
  configFile?: string;
}

/** Starts Prometheus (Debian package) on a free port with a throwaway TSDB. */
export async function startPrometheus(
  options: PrometheusStartOptions = {},
): Promise<ServiceHandle<{ url: string }>> {
  const started = Date.now();
  const dataDir = makeDataDir('prometheus');
  const port = await freePort();
  const configFile = options.configFile ?? join(dataDir, 'prometheus.yml');
  if (!options.configFile) {
    writeFileSync(
      configFile,
      `global:\n  scrape_interval: 5s\nscrape_configs:\n  - job_name: prometheus\n    static_configs:\n      - targets: ['127.0.0.1:${port}']\n`,
    );
  }
  const { pid, logFile, watchdogPid } = launch({
    name: 'prometheus',
    command: process.env.PROMETHEUS_BIN ?? 'prometheus',
    args: [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(dataDir, 'tsdb')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--web.enable-lifecycle',
    ],
    dataDir,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady('prometheus', pid, logFile, async () => (await fetch(`${url}/-/ready`)).ok);
  return {
    name: 'prometheus',
    pid,
    dataDir,
    logFile,
    readyMs: Date.now() - started,
    ...(watchdogPid === undefined ? {} : { watchdogPid }),
    settings: { url },
  };
}

export interface AlertmanagerStartOptions {
  configFile?: string;
}

/** Starts Alertmanager (Debian package) on a free port, clustering off. */
export async function startAlertmanager(
  options: AlertmanagerStartOptions = {},
): Promise<ServiceHandle<{ url: string }>> {
  const started = Date.now();
  const dataDir = makeDataDir('alertmanager');
  const port = await freePort();
  const configFile = options.configFile ?? join(dataDir, 'alertmanager.yml');
  if (!options.configFile) {
    writeFileSync(configFile, "route:\n  receiver: 'null'\nreceivers:\n  - name: 'null'\n");
  }
  const { pid, logFile, watchdogPid } = launch({
    name: 'alertmanager',
    command: process.env.ALERTMANAGER_BIN ?? 'prometheus-alertmanager',
    args: [
      `--config.file=${configFile}`,
      `--storage.path=${join(dataDir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
    ],
    dataDir,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady('alertmanager', pid, logFile, async () => (await fetch(`${url}/-/ready`)).ok);
  return {
    name: 'alertmanager',
    pid,
    dataDir,
    logFile,
    readyMs: Date.now() - started,
    ...(watchdogPid === undefined ? {} : { watchdogPid }),
    settings: { url },
  };
}

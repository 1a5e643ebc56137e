import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../freePort';
import { launch, waitUntilReady, type ServiceHandle } from '../serviceProcess';
import { makeDataDir } from '../serviceDirs';

export interface PrometheusStartOptions {
  /** A prometheus.yml to use; by default a minimal one that scrapes Prometheus itself. */
  configFile?: string;
}

export interface AlertmanagerStartOptions {
  configFile?: string;
}

/** Starts Prometheus (Debian package) on a free port with a throwaway TSDB. */
export function startPrometheus(
  options: PrometheusStartOptions = {},
): Promise<ServiceHandle<{ url: string }>> {
  return startPrometheusComponent({
    name: 'prometheus',
    command: process.env.PROMETHEUS_BIN ?? 'prometheus',
    configFile: options.configFile,
    defaultConfig: (port) =>
      `global:\n  scrape_interval: 5s\nscrape_configs:\n  - job_name: prometheus\n    static_configs:\n      - targets: ['127.0.0.1:${port}']\n`,
    args: (dataDir) => [`--storage.tsdb.path=${join(dataDir, 'tsdb')}`, '--web.enable-lifecycle'],
  });
}

/** Starts Alertmanager (Debian package) on a free port, clustering off. */
export function startAlertmanager(
  options: AlertmanagerStartOptions = {},
): Promise<ServiceHandle<{ url: string }>> {
  return startPrometheusComponent({
    name: 'alertmanager',
    command: process.env.ALERTMANAGER_BIN ?? 'prometheus-alertmanager',
    configFile: options.configFile,
    defaultConfig: () => "route:\n  receiver: 'null'\nreceivers:\n  - name: 'null'\n",
    args: (dataDir) => [`--storage.path=${join(dataDir, 'data')}`, '--cluster.listen-address='],
  });
}

interface ComponentSpec {
  name: string;
  command: string;
  configFile: string | undefined;
  defaultConfig: (port: number) => string;
  args: (dataDir: string) => string[];
}

/** Prometheus and Alertmanager share flags and a readiness endpoint, so they start the same way. */
async function startPrometheusComponent(spec: ComponentSpec): Promise<ServiceHandle<{ url: string }>> {
  const started = Date.now();
  const dataDir = makeDataDir(spec.name);
  const port = await freePort();
  const configFile = spec.configFile ?? join(dataDir, `${spec.name}.yml`);
  if (!spec.configFile) writeFileSync(configFile, spec.defaultConfig(port));
  const { pid, logFile, watchdogPid } = launch({
    name: spec.name,
    command: spec.command,
    args: [`--config.file=${configFile}`, `--web.listen-address=127.0.0.1:${port}`, ...spec.args(dataDir)],
    dataDir,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(spec.name, pid, logFile, async () => (await fetch(`${url}/-/ready`)).ok);
  return {
    name: spec.name,
    pid,
    dataDir,
    logFile,
    readyMs: Date.now() - started,
    ...(watchdogPid === undefined ? {} : { watchdogPid }),
    settings: { url },
  };
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { PROMETHEUS_DIR } from './alertRuleFiles';

export const ALERTMANAGER_CONFIG = join(PROMETHEUS_DIR, '..', 'alertmanager', 'alertmanager.yml');

interface ReceiverConfig {
  name: string;
  slack_configs?: Record<string, unknown>[];
  webhook_configs?: Record<string, unknown>[];
}

/**
 * The committed Alertmanager config with every receiver pointed at `baseUrl/<receiver name>`: routing,
 * grouping and inhibition stay exactly as committed, so a local capture server sees what chat would see.
 */
export function alertmanagerConfigWithReceiversAt(baseUrl: string): string {
  const config = parse(readFileSync(ALERTMANAGER_CONFIG, 'utf8')) as { receivers: ReceiverConfig[] };
  for (const receiver of config.receivers) {
    for (const slack of receiver.slack_configs ?? []) {
      delete slack.api_url_file;
      slack.api_url = `${baseUrl}/${receiver.name}`;
    }
    for (const webhook of receiver.webhook_configs ?? []) webhook.url = `${baseUrl}/${receiver.name}`;
  }
  return stringify(config);
}

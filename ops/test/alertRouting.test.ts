import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadAlertRules } from '../src/alerting/alertRuleFiles';
import { ALERTMANAGER_CONFIG } from '../src/alerting/alertmanagerConfig';

const run = promisify(execFile);

async function receiversFor(labels: Record<string, string>): Promise<string[]> {
  const args = ['config', 'routes', 'test', `--config.file=${ALERTMANAGER_CONFIG}`];
  const { stdout } = await run('amtool', [...args, ...Object.entries(labels).map(([k, v]) => `${k}=${v}`)]);
  return stdout.trim().split(',').sort();
}

describe('Alertmanager routing (amtool)', () => {
  it('amtool accepts the config', async () => {
    const { stdout } = await run('amtool', ['check-config', ALERTMANAGER_CONFIG]);
    expect(stdout).toMatch(/SUCCESS/);
    expect(stdout).toMatch(/6 inhibit rules/);
  });

  it.each([
    [{ alertname: 'Watchdog', severity: 'none', team: 'platform' }, ['deadmans-switch']],
    [{ alertname: 'X', severity: 'critical', team: 'pipeline' }, ['chat-pipeline', 'pager']],
    [{ alertname: 'X', severity: 'critical', team: 'backend' }, ['chat-backend', 'pager']],
    [{ alertname: 'X', severity: 'critical', team: 'platform' }, ['chat-platform', 'pager']],
    [{ alertname: 'X', severity: 'warning', team: 'pipeline' }, ['chat-pipeline']],
    [{ alertname: 'X', severity: 'warning', team: 'backend' }, ['chat-backend']],
    [{ alertname: 'X', severity: 'warning', team: 'platform' }, ['chat-platform']],
    [{ alertname: 'X', severity: 'warning' }, ['chat-platform']],
  ])('%o goes to %o', async (labels, expected) => {
    expect(await receiversFor(labels)).toEqual(expected);
  });

  it('routes every alert rule to its team, critical ones also to the pager, Watchdog only to the heartbeat', async () => {
    for (const rule of loadAlertRules()) {
      const receivers = await receiversFor({ alertname: rule.alert, ...rule.labels });
      if (rule.alert === 'Watchdog') {
        expect(receivers, rule.alert).toEqual(['deadmans-switch']);
        continue;
      }
      expect(receivers, rule.alert).toContain(`chat-${rule.labels.team}`);
      expect(receivers.includes('pager'), rule.alert).toBe(rule.labels.severity === 'critical');
    }
  });
});

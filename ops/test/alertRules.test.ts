import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { PROMETHEUS_DIR, loadAlertRules, loadRuleGroups, ruleFiles } from '../src/alerting/alertRuleFiles';
import { ALERT_FIRING_CASES } from '../src/alerting/alertFiringCases';
import { RESTART_DIP_EVAL_TIMES, RESTART_DIP_SCENARIO } from '../src/alerting/restartDipScenario';
import {
  firingTestGroup,
  promtoolTestFile,
  restartDipTestGroup,
  rulesWithoutAnnotations,
} from '../src/alerting/promtoolTestFile';

const run = promisify(execFile);
const rules = loadAlertRules();
const runbook = readFileSync(join(PROMETHEUS_DIR, '..', 'RUNBOOK.md'), 'utf8');
const workDir = mkdtempSync(join(tmpdir(), 'orak-promtool-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** GitHub-style anchor of a markdown heading. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');
const runbookAnchors = new Set([...runbook.matchAll(/^#{2,3} (.+)$/gm)].map((m) => anchorOf(m[1]!)));

describe('alert rules', () => {
  it('promtool accepts every rule file', async () => {
    const { stdout } = await run('promtool', ['check', 'rules', ...ruleFiles()]);
    expect(stdout).toMatch(/SUCCESS/);
  });

  it('promtool accepts the Prometheus config the compose stack mounts', async () => {
    const { stdout } = await run('promtool', ['check', 'config', join(PROMETHEUS_DIR, 'prometheus.yml')]);
    expect(stdout).toMatch(/SUCCESS/);
  });

  it('cover services, pipeline and platform with at least 29 alerts, each named once', () => {
    expect(rules.length).toBeGreaterThanOrEqual(29);
    expect(new Set(rules.map((r) => r.alert)).size).toBe(rules.length);
  });

  it.each(rules.map((r) => [r.alert, r] as const))(
    '%s has severity, team, for, summary, description and a runbook section',
    (_name, rule) => {
      expect(['critical', 'warning', 'none']).toContain(rule.labels.severity);
      expect(['platform', 'backend', 'pipeline']).toContain(rule.labels.team);
      if (rule.labels.severity === 'critical') expect(rule.for).toBe('1m');
      if (rule.labels.severity === 'warning') expect(rule.for).toBe('5m');
      expect(rule.annotations.summary?.length).toBeGreaterThan(10);
      expect(rule.annotations.description?.length).toBeGreaterThan(20);
      const anchor = /#(.+)$/.exec(rule.annotations.runbook_url ?? '')?.[1];
      expect(anchor).toBe(rule.alert.toLowerCase());
      expect(runbookAnchors.has(anchor!)).toBe(true);
    },
  );

  it('has exactly one firing case per alert (Watchdog, always firing, is proven by the restart test)', () => {
    const withCases = ALERT_FIRING_CASES.map((c) => c.alert).sort();
    const expected = rules
      .map((r) => r.alert)
      .filter((a) => a !== 'Watchdog')
      .sort();
    expect(withCases).toEqual(expected);
  });

  it('every alert fires after its for and not before, and a 30-second restart dip pages nobody (promtool test rules)', async () => {
    const rulesFile = join(workDir, 'rules.yml');
    writeFileSync(rulesFile, rulesWithoutAnnotations(loadRuleGroups()));
    const byName = new Map(rules.map((r) => [r.alert, r]));
    const groups = [
      ...ALERT_FIRING_CASES.map((c) => firingTestGroup(byName.get(c.alert)!, c)),
      restartDipTestGroup(rules, RESTART_DIP_SCENARIO, RESTART_DIP_EVAL_TIMES, new Set(['Watchdog'])),
    ];
    const testFile = join(workDir, 'alert-tests.yml');
    writeFileSync(testFile, promtoolTestFile(rulesFile, groups));
    const result = await run('promtool', ['test', 'rules', testFile]).catch(
      (error: { stdout?: string; stderr?: string }) => error,
    );
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
    expect(output, output).toMatch(/SUCCESS/);
    expect(groups.reduce((n, g) => n + g.alert_rule_test.length, 0)).toBeGreaterThan(rules.length * 10);
  });
});

import { stringify } from 'yaml';
import type { AlertRule, RuleGroup } from './alertRuleFiles';
import type { AlertFiringCase, InputSeries } from './alertFiringCases';

// Builds promtool rule-test files. Annotations are stripped from the rules under test (their templates are
// checked separately) so the expectations state only what matters for paging: whether and with which labels.

export function rulesWithoutAnnotations(groups: RuleGroup[]): string {
  return stringify({
    groups: groups.map((g) => ({ name: g.name, rules: g.rules.map(({ annotations: _a, ...rule }) => rule) })),
  });
}

interface AlertRuleTest {
  eval_time: string;
  alertname: string;
  exp_alerts: { exp_labels: Record<string, string> }[];
}

interface PromtoolTestGroup {
  name: string;
  interval: string;
  input_series: InputSeries[];
  alert_rule_test: AlertRuleTest[];
}

export function firingTestGroup(rule: AlertRule, testCase: AlertFiringCase): PromtoolTestGroup {
  return {
    name: `${rule.alert} fires after its for (${rule.for ?? '0s'})`,
    interval: '15s',
    input_series: testCase.series,
    alert_rule_test: [
      { eval_time: testCase.silentAt, alertname: rule.alert, exp_alerts: [] },
      {
        eval_time: testCase.firesAt,
        alertname: rule.alert,
        exp_alerts: [{ exp_labels: { ...rule.labels, ...testCase.labels } }],
      },
    ],
  };
}

export function restartDipTestGroup(
  rules: AlertRule[],
  series: InputSeries[],
  evalTimes: string[],
  alwaysFiring: ReadonlySet<string>,
): PromtoolTestGroup {
  return {
    name: 'a 30-second restart dip of every service pages nobody',
    interval: '15s',
    input_series: series,
    alert_rule_test: rules.flatMap((rule) =>
      evalTimes.map((eval_time) => ({
        eval_time,
        alertname: rule.alert,
        exp_alerts: alwaysFiring.has(rule.alert) ? [{ exp_labels: { ...rule.labels } }] : [],
      })),
    ),
  };
}

export function promtoolTestFile(ruleFile: string, groups: PromtoolTestGroup[]): string {
  return stringify({ rule_files: [ruleFile], evaluation_interval: '15s', tests: groups });
}

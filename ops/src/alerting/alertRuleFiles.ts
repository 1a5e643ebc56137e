import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const PROMETHEUS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'prometheus');
export const RULES_DIR = join(PROMETHEUS_DIR, 'rules');

export interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface RuleGroup {
  name: string;
  rules: AlertRule[];
}

export function ruleFiles(): string[] {
  return readdirSync(RULES_DIR)
    .filter((f) => f.endsWith('.yml'))
    .sort()
    .map((f) => join(RULES_DIR, f));
}

export function loadRuleGroups(): RuleGroup[] {
  return ruleFiles().flatMap((file) => (parse(readFileSync(file, 'utf8')) as { groups: RuleGroup[] }).groups);
}

export function loadAlertRules(): AlertRule[] {
  return loadRuleGroups().flatMap((group) => group.rules);
}

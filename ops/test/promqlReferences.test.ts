import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parser } from '@prometheus-io/lezer-promql';
import { catalogueRegistry, exportedSeriesNames } from '../../cloud/common/src/metrics/metricCatalogue';
import { PROMETHEUS_DIR, loadAlertRules } from '../src/alerting/alertRuleFiles';

const dashboardsDir = join(PROMETHEUS_DIR, '..', 'grafana', 'dashboards');

interface Dashboard {
  uid: string;
  title: string;
  panels: { title: string; targets: { expr: string }[] }[];
}

const dashboards = readdirSync(dashboardsDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(dashboardsDir, f), 'utf8')) as Dashboard);

const expressions: { where: string; expr: string }[] = [
  ...loadAlertRules().map((r) => ({ where: `alert ${r.alert}`, expr: r.expr })),
  ...dashboards.flatMap((d) =>
    d.panels.flatMap((p) => p.targets.map((t) => ({ where: `${d.title} / ${p.title}`, expr: t.expr }))),
  ),
];

const exporterMetrics = new Set(
  readFileSync(join(PROMETHEUS_DIR, 'exporter-metrics.txt'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => line.split(/\s+/)[0]!),
);

/** Syntax errors and the metric names a PromQL expression selects. */
function inspect(expr: string): { errors: string[]; metrics: string[] } {
  const errors: string[] = [];
  const metrics: string[] = [];
  parser.parse(expr).iterate({
    enter(node) {
      if (node.type.isError)
        errors.push(`syntax error at ${node.from}: "${expr.slice(node.from, node.to + 10)}"`);
      if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector') {
        metrics.push(expr.slice(node.from, node.to));
      }
    },
  });
  return { errors, metrics };
}

describe('PromQL in dashboards and alert rules', () => {
  it('provisions the five dashboards an operator expects', () => {
    expect(dashboards.map((d) => d.uid).sort()).toEqual([
      'orak-analyzer',
      'orak-api',
      'orak-kafka',
      'orak-overview',
      'orak-pipeline',
    ]);
    for (const d of dashboards) expect(d.panels.length, d.title).toBeGreaterThanOrEqual(5);
  });

  it('every expression parses', () => {
    const broken = expressions.flatMap(({ where, expr }) =>
      inspect(expr).errors.map((e) => `${where}: ${e}`),
    );
    expect(broken).toEqual([]);
  });

  it('every metric named is exported by our services or by a listed exporter', async () => {
    const ours = await exportedSeriesNames(catalogueRegistry());
    const unknown = expressions.flatMap(({ where, expr }) =>
      inspect(expr)
        .metrics.filter((m) => !ours.has(m) && !exporterMetrics.has(m))
        .map((m) => `${where}: ${m}`),
    );
    expect(unknown).toEqual([]);
    expect(expressions.length).toBeGreaterThan(70);
  });

  it('the check itself catches a typo and a syntax error', () => {
    expect(inspect('rate(orak_http_requests_totl[5m])').metrics).toEqual(['orak_http_requests_totl']);
    expect(inspect('sum(rate(x[5m])').errors.length).toBeGreaterThan(0);
  });
});

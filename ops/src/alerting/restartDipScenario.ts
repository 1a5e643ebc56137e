import type { InputSeries } from './alertFiringCases';

// A healthy system in which every service, exporter and dependency restarts once: a 30-second dip (two 15 s
// scrapes) in which `up` reads 0 and the service's own series are missing, after which counters start again
// from zero, process_start_time moves and a short Kafka backlog drains. No alert but Watchdog may fire.

const before = 19; // samples before the dip: 0 .. 4m45s
const after = 60; // samples after the dip: 5m30s .. 20m30s

/** A series value string: `healthy` before and after the dip; during the dip `dip` (default: missing). */
function withDip(healthyBefore: string, healthyAfter: string, dip = '_ _'): string {
  return `${healthyBefore} ${dip} ${healthyAfter}`;
}
const steady = (v: number | string) => withDip(`${v}x${before}`, `${v}x${after}`);
const counter = (perScrape: number) => withDip(`0+${perScrape}x${before}`, `0+${perScrape}x${after}`);
const zeroCounter = () => steady(0);
const upDip = () => withDip(`1x${before}`, `1x${after}`, '0 0');

const services = [
  { job: 'orak-api', instance: 'api:8080', service: 'api' },
  { job: 'orak-bridge', instance: 'bridge:9101', service: 'bridge' },
  { job: 'orak-analyzer', instance: 'analyzer:9102', service: 'analyzer' },
  { job: 'orak-reconciler', instance: 'reconciler:9103', service: 'reconciler' },
];

export const RESTART_DIP_SCENARIO: InputSeries[] = [
  ...services.flatMap(({ job, instance, service }) => {
    const l = `job="${job}",instance="${instance}",service="${service}"`;
    return [
      { series: `up{${l}}`, values: upDip() },
      { series: `process_start_time_seconds{${l}}`, values: withDip(`1000x${before}`, `1300x${after}`) },
      { series: `process_resident_memory_bytes{${l}}`, values: steady('2e8') },
      { series: `nodejs_eventloop_lag_p99_seconds{${l}}`, values: steady(0.01) },
    ];
  }),
  { series: 'up{job="kafka",instance="kafka-exporter:9308"}', values: upDip() },
  { series: 'up{job="postgres",instance="postgres-exporter:9187"}', values: upDip() },
  { series: 'up{job="node",instance="node-exporter:9100"}', values: upDip() },
  { series: 'up{job="s3",instance="http://s3:7070/health"}', values: upDip() },
  { series: 'pg_up{job="postgres",instance="postgres-exporter:9187"}', values: upDip() },
  { series: 'probe_success{job="s3",instance="http://s3:7070/health"}', values: upDip() },
  {
    series: 'pg_stat_database_numbackends{instance="postgres-exporter:9187",datname="orak"}',
    values: steady(12),
  },
  { series: 'pg_settings_max_connections{instance="postgres-exporter:9187"}', values: steady(100) },
  {
    series: 'node_filesystem_avail_bytes{instance="host:9100",mountpoint="/",fstype="ext4"}',
    values: `5e10x${before + after + 2}`,
  },
  {
    series: 'node_filesystem_size_bytes{instance="host:9100",mountpoint="/",fstype="ext4"}',
    values: `1e11x${before + after + 2}`,
  },
  { series: 'node_memory_MemAvailable_bytes{instance="host:9100"}', values: `8e9x${before + after + 2}` },
  { series: 'node_memory_MemTotal_bytes{instance="host:9100"}', values: `16e9x${before + after + 2}` },
  {
    series: 'node_cpu_seconds_total{instance="host:9100",cpu="0",mode="idle"}',
    values: `0+10x${before + after + 2}`,
  },
  {
    series: 'prometheus_rule_evaluation_failures_total{rule_group="orak-api"}',
    values: `0x${before + after + 2}`,
  },
  {
    series: 'alertmanager_notifications_failed_total{integration="webhook"}',
    values: `0x${before + after + 2}`,
  },
  // api
  {
    series: 'orak_http_requests_total{job="orak-api",route="/v1/uploads",method="POST",status_class="2xx"}',
    values: counter(30),
  },
  {
    series: 'orak_http_requests_total{job="orak-api",route="/v1/uploads",method="POST",status_class="5xx"}',
    values: zeroCounter(),
  },
  {
    series:
      'orak_http_request_duration_seconds_bucket{job="orak-api",route="/v1/uploads",method="POST",le="0.1"}',
    values: counter(30),
  },
  {
    series:
      'orak_http_request_duration_seconds_bucket{job="orak-api",route="/v1/uploads",method="POST",le="+Inf"}',
    values: counter(30),
  },
  { series: 'orak_presign_requests_total{job="orak-api",outcome="issued"}', values: counter(10) },
  { series: 'orak_presign_requests_total{job="orak-api",outcome="failed"}', values: zeroCounter() },
  { series: 'orak_s3_errors_total{job="orak-api",operation="head_object"}', values: zeroCounter() },
  { series: 'orak_auth_attempts_total{job="orak-api",action="login",outcome="refused"}', values: counter(1) },
  // pipeline
  {
    series: 'orak_upload_transitions_total{job="orak-bridge",to="UPLOADED",actor="bridge"}',
    values: counter(10),
  },
  {
    series: 'orak_upload_transitions_total{job="orak-analyzer",to="COMPLETED",actor="analyzer"}',
    values: counter(10),
  },
  { series: 'orak_uploads_rejected_total{job="orak-analyzer",reason="not_audio"}', values: zeroCounter() },
  { series: 'orak_uploads{job="orak-reconciler",state="QUEUED"}', values: steady(3) },
  { series: 'orak_oldest_nonterminal_upload_age_seconds{job="orak-reconciler"}', values: steady(20) },
  { series: 'orak_dead_letters_total{job="orak-analyzer",stage="analyze"}', values: zeroCounter() },
  {
    series: 'orak_kafka_consumer_lag_messages{job="orak-analyzer",topic="upload-events",group="analyzer"}',
    // Uploads queue up while the analyzer restarts, then drain within a minute.
    values: withDip(`2x${before}`, `150 120 60 10 2x${after - 4}`),
  },
  {
    series: 'orak_analyzer_semaphore_in_flight{job="orak-analyzer",instance="analyzer:9102"}',
    values: steady(2),
  },
  {
    series: 'orak_analyzer_semaphore_permits{job="orak-analyzer",instance="analyzer:9102"}',
    values: steady(2),
  },
  {
    series: 'orak_analyzer_semaphore_waiting{job="orak-analyzer",instance="analyzer:9102"}',
    values: steady(1),
  },
  { series: 'orak_analyzer_jobs_total{job="orak-analyzer",outcome="completed"}', values: counter(10) },
  { series: 'orak_analyzer_jobs_total{job="orak-analyzer",outcome="dead_lettered"}', values: zeroCounter() },
  { series: 'orak_analyzer_retries_total{job="orak-analyzer",stage="analyze"}', values: zeroCounter() },
  { series: 'orak_analyzer_job_duration_seconds_bucket{job="orak-analyzer",le="5"}', values: counter(10) },
  { series: 'orak_analyzer_job_duration_seconds_bucket{job="orak-analyzer",le="+Inf"}', values: counter(10) },
  {
    series: 'orak_model_inference_duration_seconds_bucket{job="orak-analyzer",model="pitch",le="0.5"}',
    values: counter(10),
  },
  {
    series: 'orak_model_inference_duration_seconds_bucket{job="orak-analyzer",model="pitch",le="+Inf"}',
    values: counter(10),
  },
  { series: 'orak_bridge_produce_failures_total{job="orak-bridge"}', values: zeroCounter() },
  { series: 'orak_bridge_auth_failures_total{job="orak-bridge"}', values: zeroCounter() },
  {
    series: 'orak_reconciler_last_run_timestamp_seconds{job="orak-reconciler"}',
    values: withDip(`0+15x${before}`, `330+15x${after}`),
  },
  {
    series: 'orak_reconciler_actions_total{job="orak-reconciler",action="failed",state="QUEUED"}',
    values: zeroCounter(),
  },
];

/** Evaluation times spanning before, during and long after the dip. */
export const RESTART_DIP_EVAL_TIMES = [
  '1m',
  '4m45s',
  '5m',
  '5m15s',
  '5m30s',
  '5m45s',
  '6m',
  '6m30s',
  '7m',
  '8m',
  '10m',
  '12m',
  '15m',
  '19m',
];

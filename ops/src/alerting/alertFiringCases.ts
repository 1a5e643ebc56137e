// For every alert: input series (15 s scrapes) that make it true, the labels it must fire with, a time just
// before its `for` has elapsed (must be silent) and a time after (must fire). promtool runs these.

export interface InputSeries {
  series: string;
  values: string;
}

export interface AlertFiringCase {
  alert: string;
  series: InputSeries[];
  /** Labels of the firing alert besides alertname and the rule's static labels. */
  labels: Record<string, string>;
  silentAt: string;
  firesAt: string;
}

const critical = { silentAt: '45s', firesAt: '2m30s' };
const warning = { silentAt: '4m30s', firesAt: '7m' };
// A rate over 5m only reaches its full value once the window holds data: ~2.5 min after the series starts.
const warningOnRate = { silentAt: '4m30s', firesAt: '8m' };
const span = 'x80'; // 20 minutes of samples

export const ALERT_FIRING_CASES: AlertFiringCase[] = [
  {
    alert: 'OrakServiceDown',
    series: [
      { series: 'up{job="orak-analyzer",instance="analyzer:9102",service="analyzer"}', values: `0${span}` },
    ],
    labels: { job: 'orak-analyzer', instance: 'analyzer:9102', service: 'analyzer' },
    ...critical,
  },
  {
    alert: 'OrakServiceAbsent',
    series: [
      { series: 'up{job="orak-api",instance="api:8080",service="api"}', values: `1${span}` },
      { series: 'up{job="orak-bridge",instance="bridge:9101",service="bridge"}', values: `1${span}` },
      {
        series: 'up{job="orak-reconciler",instance="reconciler:9103",service="reconciler"}',
        values: `1${span}`,
      },
    ],
    labels: { job: 'orak-analyzer' },
    ...warning,
  },
  {
    alert: 'KafkaBrokerDown',
    series: [{ series: 'up{job="kafka",instance="kafka-exporter:9308"}', values: `0${span}` }],
    labels: { job: 'kafka', instance: 'kafka-exporter:9308' },
    ...critical,
  },
  {
    alert: 'PostgresDown',
    series: [{ series: 'pg_up{job="postgres",instance="postgres-exporter:9187"}', values: `0${span}` }],
    labels: { job: 'postgres', instance: 'postgres-exporter:9187' },
    ...critical,
  },
  {
    alert: 'S3Unreachable',
    series: [{ series: 'probe_success{job="s3",instance="http://s3:7070/health"}', values: `0${span}` }],
    labels: { job: 's3', instance: 'http://s3:7070/health' },
    ...critical,
  },
  {
    alert: 'ExporterDown',
    series: [{ series: 'up{job="node",instance="node-exporter:9100"}', values: `0${span}` }],
    labels: { job: 'node', instance: 'node-exporter:9100' },
    ...warning,
  },
  {
    alert: 'OrakServiceFlapping',
    series: [
      {
        series: 'process_start_time_seconds{job="orak-api",instance="api:8080",service="api"}',
        values:
          '0 15 30 45 60 75 90 105 120 135 150 165 180 195 210 225 240 255 270 285 300 315 330 345 360 375 390 405 420 435 450 465 480 495 510 525 540 555 570 585',
      },
    ],
    labels: { job: 'orak-api', instance: 'api:8080', service: 'api' },
    ...warning,
  },
  {
    alert: 'OrakServiceHighMemory',
    series: [
      {
        series:
          'process_resident_memory_bytes{job="orak-analyzer",instance="analyzer:9102",service="analyzer"}',
        values: `2e9${span}`,
      },
    ],
    labels: { job: 'orak-analyzer', instance: 'analyzer:9102', service: 'analyzer' },
    ...warning,
  },
  {
    alert: 'OrakEventLoopLag',
    series: [
      {
        series: 'nodejs_eventloop_lag_p99_seconds{job="orak-api",instance="api:8080",service="api"}',
        values: `0.9${span}`,
      },
    ],
    labels: { job: 'orak-api', instance: 'api:8080', service: 'api' },
    ...warning,
  },
  {
    alert: 'HostDiskSpaceLow',
    series: [
      {
        series: 'node_filesystem_avail_bytes{instance="host:9100",mountpoint="/",fstype="ext4"}',
        values: `8e9${span}`,
      },
      {
        series: 'node_filesystem_size_bytes{instance="host:9100",mountpoint="/",fstype="ext4"}',
        values: `1e11${span}`,
      },
    ],
    labels: { instance: 'host:9100', mountpoint: '/', fstype: 'ext4' },
    ...warning,
  },
  {
    alert: 'HostDiskSpaceCritical',
    series: [
      {
        series: 'node_filesystem_avail_bytes{instance="host:9100",mountpoint="/",fstype="ext4"}',
        values: `1e9${span}`,
      },
      {
        series: 'node_filesystem_size_bytes{instance="host:9100",mountpoint="/",fstype="ext4"}',
        values: `1e11${span}`,
      },
    ],
    labels: { instance: 'host:9100', mountpoint: '/', fstype: 'ext4' },
    ...critical,
  },
  {
    alert: 'HostMemoryLow',
    series: [
      { series: 'node_memory_MemAvailable_bytes{instance="host:9100"}', values: `1e9${span}` },
      { series: 'node_memory_MemTotal_bytes{instance="host:9100"}', values: `16e9${span}` },
    ],
    labels: { instance: 'host:9100' },
    ...warning,
  },
  {
    alert: 'HostCpuSaturated',
    series: [
      { series: 'node_cpu_seconds_total{instance="host:9100",cpu="0",mode="idle"}', values: `0+0.1${span}` },
    ],
    labels: { instance: 'host:9100' },
    silentAt: '4m30s',
    firesAt: '10m30s',
  },
  {
    alert: 'PostgresConnectionsNearLimit',
    series: [
      {
        series: 'pg_stat_database_numbackends{instance="postgres-exporter:9187",datname="orak"}',
        values: `90${span}`,
      },
      { series: 'pg_settings_max_connections{instance="postgres-exporter:9187"}', values: `100${span}` },
    ],
    labels: { instance: 'postgres-exporter:9187' },
    ...warning,
  },
  {
    alert: 'PrometheusRuleFailures',
    series: [
      { series: 'prometheus_rule_evaluation_failures_total{rule_group="orak-api"}', values: `0+1${span}` },
    ],
    labels: { rule_group: 'orak-api' },
    ...warning,
  },
  {
    alert: 'AlertmanagerNotificationsFailing',
    series: [
      { series: 'alertmanager_notifications_failed_total{integration="webhook"}', values: `0+1${span}` },
    ],
    labels: { integration: 'webhook' },
    ...warning,
  },
  {
    alert: 'ApiHighErrorRate',
    series: [
      {
        series:
          'orak_http_requests_total{job="orak-api",route="/v1/uploads",method="POST",status_class="2xx"}',
        values: `0+90${span}`,
      },
      {
        series:
          'orak_http_requests_total{job="orak-api",route="/v1/uploads",method="POST",status_class="5xx"}',
        values: `0+10${span}`,
      },
    ],
    labels: {},
    ...critical,
  },
  {
    alert: 'ApiHighLatency',
    series: [
      {
        series:
          'orak_http_request_duration_seconds_bucket{job="orak-api",route="/v1/uploads",method="POST",le="1"}',
        values: `0+1${span}`,
      },
      {
        series:
          'orak_http_request_duration_seconds_bucket{job="orak-api",route="/v1/uploads",method="POST",le="2.5"}',
        values: `0+10${span}`,
      },
      {
        series:
          'orak_http_request_duration_seconds_bucket{job="orak-api",route="/v1/uploads",method="POST",le="+Inf"}',
        values: `0+10${span}`,
      },
    ],
    labels: {},
    ...warning,
  },
  {
    alert: 'PresignFailures',
    series: [
      { series: 'orak_presign_requests_total{job="orak-api",outcome="failed"}', values: `0+3${span}` },
    ],
    labels: {},
    ...critical,
  },
  {
    alert: 'S3ErrorsHigh',
    series: [
      { series: 'orak_s3_errors_total{job="orak-api",operation="head_object"}', values: `0+6${span}` },
    ],
    labels: {},
    ...warning,
  },
  {
    alert: 'AuthFailureSpike',
    series: [
      {
        series: 'orak_auth_attempts_total{job="orak-api",action="login",outcome="refused"}',
        values: `0+150${span}`,
      },
    ],
    labels: {},
    ...warningOnRate,
  },
  {
    alert: 'UploadRejectionSpike',
    series: [
      { series: 'orak_uploads_rejected_total{job="orak-analyzer",reason="not_audio"}', values: `0+5${span}` },
      {
        series: 'orak_upload_transitions_total{job="orak-bridge",to="UPLOADED",actor="bridge"}',
        values: `0+10${span}`,
      },
    ],
    labels: {},
    ...warning,
  },
  {
    alert: 'UploadsStuck',
    series: [
      {
        series: 'orak_oldest_nonterminal_upload_age_seconds{job="orak-reconciler"}',
        values: `2000+15${span}`,
      },
    ],
    labels: { job: 'orak-reconciler' },
    ...critical,
  },
  {
    alert: 'UploadBacklogHigh',
    series: [
      { series: 'orak_uploads{job="orak-reconciler",state="QUEUED"}', values: `80${span}` },
      { series: 'orak_uploads{job="orak-reconciler",state="UPLOADED"}', values: `40${span}` },
    ],
    labels: {},
    ...warning,
  },
  {
    alert: 'NoUploadsCompleting',
    series: [
      {
        series: 'orak_upload_transitions_total{job="orak-bridge",to="UPLOADED",actor="bridge"}',
        values: `0+5${span}`,
      },
      {
        series: 'orak_upload_transitions_total{job="orak-analyzer",to="COMPLETED",actor="analyzer"}',
        values: `7${span}`,
      },
    ],
    labels: {},
    ...critical,
  },
  {
    alert: 'DeadLettersAppearing',
    series: [
      {
        series: 'orak_dead_letters_total{job="orak-analyzer",stage="analyze"}',
        values: '0 0 0 0 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1',
      },
    ],
    labels: { stage: 'analyze' },
    silentAt: '4m30s',
    firesAt: '6m15s',
  },
  {
    alert: 'DeadLetterBurst',
    series: [
      { series: 'orak_dead_letters_total{job="orak-analyzer",stage="analyze"}', values: `0+5${span}` },
    ],
    labels: {},
    ...critical,
  },
  {
    alert: 'ConsumerLagHigh',
    series: [
      {
        series:
          'orak_kafka_consumer_lag_messages{job="orak-analyzer",topic="upload-events",group="analyzer"}',
        values: `5000${span}`,
      },
    ],
    labels: { group: 'analyzer' },
    ...warning,
  },
  {
    alert: 'ConsumerLagGrowing',
    series: [
      {
        series:
          'orak_kafka_consumer_lag_messages{job="orak-analyzer",topic="upload-events",group="analyzer"}',
        values: `200+20${span}`,
      },
    ],
    labels: { group: 'analyzer' },
    ...critical,
  },
  {
    alert: 'AnalyzerSaturated',
    series: [
      {
        series: 'orak_analyzer_semaphore_in_flight{job="orak-analyzer",instance="analyzer:9102"}',
        values: `2${span}`,
      },
      {
        series: 'orak_analyzer_semaphore_permits{job="orak-analyzer",instance="analyzer:9102"}',
        values: `2${span}`,
      },
      {
        series: 'orak_analyzer_semaphore_waiting{job="orak-analyzer",instance="analyzer:9102"}',
        values: `12${span}`,
      },
    ],
    labels: { instance: 'analyzer:9102' },
    ...warning,
  },
  {
    alert: 'AnalyzerFailureRate',
    series: [
      { series: 'orak_analyzer_jobs_total{job="orak-analyzer",outcome="completed"}', values: `0+4${span}` },
      {
        series: 'orak_analyzer_jobs_total{job="orak-analyzer",outcome="dead_lettered"}',
        values: `0+1${span}`,
      },
    ],
    labels: {},
    ...critical,
  },
  {
    alert: 'AnalyzerRetriesHigh',
    series: [
      { series: 'orak_analyzer_retries_total{job="orak-analyzer",stage="analyze"}', values: `0+15${span}` },
    ],
    labels: {},
    ...warningOnRate,
  },
  {
    alert: 'AnalyzerSlow',
    series: [
      {
        series: 'orak_analyzer_job_duration_seconds_bucket{job="orak-analyzer",le="40"}',
        values: `0+1${span}`,
      },
      {
        series: 'orak_analyzer_job_duration_seconds_bucket{job="orak-analyzer",le="80"}',
        values: `0+10${span}`,
      },
      {
        series: 'orak_analyzer_job_duration_seconds_bucket{job="orak-analyzer",le="+Inf"}',
        values: `0+10${span}`,
      },
    ],
    labels: {},
    ...warning,
  },
  {
    alert: 'ModelInferenceSlow',
    series: [
      {
        series: 'orak_model_inference_duration_seconds_bucket{job="orak-analyzer",model="pitch",le="5"}',
        values: `0+1${span}`,
      },
      {
        series: 'orak_model_inference_duration_seconds_bucket{job="orak-analyzer",model="pitch",le="20"}',
        values: `0+10${span}`,
      },
      {
        series: 'orak_model_inference_duration_seconds_bucket{job="orak-analyzer",model="pitch",le="+Inf"}',
        values: `0+10${span}`,
      },
    ],
    labels: { model: 'pitch' },
    ...warning,
  },
  {
    alert: 'BridgeProduceFailures',
    series: [{ series: 'orak_bridge_produce_failures_total{job="orak-bridge"}', values: `0+1${span}` }],
    labels: {},
    ...critical,
  },
  {
    alert: 'BridgeAuthFailures',
    series: [{ series: 'orak_bridge_auth_failures_total{job="orak-bridge"}', values: `0+3${span}` }],
    labels: {},
    ...warningOnRate,
  },
  {
    alert: 'ReconcilerNotRunning',
    series: [
      { series: 'orak_reconciler_last_run_timestamp_seconds{job="orak-reconciler"}', values: `0${span}` },
    ],
    labels: { job: 'orak-reconciler' },
    silentAt: '14m',
    firesAt: '16m',
  },
  {
    alert: 'ReconcilerFailingUploads',
    series: [
      {
        series: 'orak_reconciler_actions_total{job="orak-reconciler",action="failed",state="QUEUED"}',
        values: `0+3${span}`,
      },
    ],
    labels: {},
    ...warning,
  },
];

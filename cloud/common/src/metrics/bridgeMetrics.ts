import { Counter, type Registry } from 'prom-client';

export function createBridgeMetrics(registry: Registry) {
  return {
    eventsIn: new Counter({
      name: 'orak_bridge_events_total',
      help: 'S3 notifications received, by source shape (s3, eventbridge, versitygw) and outcome.',
      labelNames: ['source', 'outcome'] as const,
      registers: [registry],
    }),
    duplicates: new Counter({
      name: 'orak_bridge_duplicates_dropped_total',
      help: 'S3 notifications dropped because the same bucket+key+sequencer was already seen.',
      registers: [registry],
    }),
    produceFailures: new Counter({
      name: 'orak_bridge_produce_failures_total',
      help: 'Failures producing a normalised event to Kafka.',
      registers: [registry],
    }),
    authFailures: new Counter({
      name: 'orak_bridge_auth_failures_total',
      help: 'Notifications refused because the sender did not authenticate.',
      registers: [registry],
    }),
  };
}
export type BridgeMetrics = ReturnType<typeof createBridgeMetrics>;

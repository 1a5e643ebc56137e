import { pino, type Logger, type LoggerOptions } from 'pino';
import { currentTraceId } from './traceScope';

export type { Logger };

/** Keys whose values never reach a log line, wherever they sit in a logged object. */
export const REDACTED_PATHS = [
  'password',
  'token',
  'authorization',
  'secretAccessKey',
  'accessKeyId',
  'headers.authorization',
  'req.headers.authorization',
  '*.password',
  '*.token',
  '*.authorization',
  '*.secretAccessKey',
  '*.accessKeyId',
];

/**
 * One JSON logger per service, one line per event, errors with their stack in `err.stack`. Every line logged
 * inside withTrace() carries `trace.traceId` (an object, so Loki can ship it as structured metadata).
 */
export function createLogger(
  service: string,
  level = process.env.LOG_LEVEL ?? 'info',
  destination?: pino.DestinationStream,
): Logger {
  const options: LoggerOptions = {
    name: service,
    level,
    base: { service },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    mixin() {
      const traceId = currentTraceId();
      return traceId ? { trace: { traceId } } : {};
    },
  };
  const lokiUrl = process.env.LOKI_URL;
  if (destination) return pino(options, destination);
  if (lokiUrl) return pino(options, lokiShipping(service, lokiUrl));
  return pino(options);
}

/** Ships to Loki as well as stdout: the service is a label, the trace id structured metadata (never a label). */
function lokiShipping(service: string, host: string): pino.DestinationStream {
  return pino.transport({
    targets: [
      { target: 'pino/file', options: { destination: 1 } },
      {
        target: 'pino-loki',
        options: {
          host,
          labels: { service: `orak-${service}` },
          structuredMetaKey: 'trace',
          batching: { interval: 1 },
        },
      },
    ],
  }) as pino.DestinationStream;
}

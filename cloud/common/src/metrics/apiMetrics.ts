import { Counter, type Registry } from 'prom-client';

export function createApiMetrics(registry: Registry) {
  return {
    presigns: new Counter({
      name: 'orak_presign_requests_total',
      help: 'Presigned upload requests, by outcome (issued, refused, failed).',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    s3Errors: new Counter({
      name: 'orak_s3_errors_total',
      help: 'Errors talking to S3, by operation.',
      labelNames: ['operation'] as const,
      registers: [registry],
    }),
    logins: new Counter({
      name: 'orak_auth_attempts_total',
      help: 'Register and login attempts, by action and outcome.',
      labelNames: ['action', 'outcome'] as const,
      registers: [registry],
    }),
  };
}
export type ApiMetrics = ReturnType<typeof createApiMetrics>;

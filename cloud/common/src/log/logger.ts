import { pino, type Logger } from 'pino';

export type { Logger };

/** One JSON logger per service, to stdout (the stack collects it). */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name: service, level, base: { service } });
}

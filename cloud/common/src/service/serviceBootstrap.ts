import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { z } from 'zod';
import { loadConfig, type DatabaseEnvSchema, type HttpEnvSchema } from '../config/envConfig';
import { runMigrations } from '../db/migrator';
import { createPool, type Pool } from '../db/pgPool';
import { createLogger, type Logger } from '../log/logger';
import { createServiceRegistry } from '../metrics/serviceRegistry';

// The start-up every cloud service shares: env through its zod schema, logger, pool, migrations, metrics registry,
// the `READY <name> <url>` line the stack and the tests wait for, and a clean stop on SIGTERM/SIGINT.

export type CloudServiceName = 'api' | 'bridge' | 'analyzer' | 'reconciler';

type BaseEnv = z.infer<typeof DatabaseEnvSchema> & z.infer<typeof HttpEnvSchema>;

export interface ServiceContext<C> {
  config: C;
  log: Logger;
  pool: Pool;
  registry: Registry;
  /** For a Kafka consumer that will not restart: a process reading nothing must not look healthy. */
  exitOnFatal: (error: unknown) => void;
}

export interface RunningService {
  /** Not yet listening: the bootstrap listens on HOST:PORT. Absent when the service's work is already done. */
  server?: Server;
  /** Appended to the READY url (the bridge's notification path). */
  readyPath?: string;
  /** Releases what the service opened besides the pool (consumers, producers, loops). */
  stop?: () => Promise<void>;
}

export interface BootstrapOptions {
  poolSize?: number;
}

/** Starts a service; any failure before READY prints the reason and exits 1. */
export function runService<S extends z.ZodType<BaseEnv>>(
  name: CloudServiceName,
  schema: S,
  options: BootstrapOptions,
  start: (context: ServiceContext<z.infer<S>>) => Promise<RunningService>,
): void {
  bootstrap(name, schema, options, start).catch((error: unknown) => {
    console.error(`${name} failed to start:`, error);
    process.exit(1);
  });
}

async function bootstrap<S extends z.ZodType<BaseEnv>>(
  name: CloudServiceName,
  schema: S,
  options: BootstrapOptions,
  start: (context: ServiceContext<z.infer<S>>) => Promise<RunningService>,
): Promise<void> {
  const config = loadConfig(schema);
  const log = createLogger(name);
  const pool = createPool(config.DATABASE_URL, options.poolSize);
  await runMigrations(pool);
  const registry = createServiceRegistry(name);
  const exitOnFatal = (error: unknown) => {
    log.fatal({ err: error }, 'Kafka consumer stopped for good: exiting');
    process.exit(1);
  };
  const running = await start({ config, log, pool, registry, exitOnFatal });
  const release = async () => {
    await running.stop?.().catch(() => undefined);
    await pool.end().catch(() => undefined);
  };
  const { server } = running;
  if (!server) {
    await release();
    process.exit(0);
  }
  server.listen(config.PORT, config.HOST);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  console.log(`READY ${name} http://${config.HOST}:${port}${running.readyPath ?? ''}`);
  const stop = () => {
    server.close();
    void release().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

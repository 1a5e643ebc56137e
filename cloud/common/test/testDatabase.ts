import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createPool, type Pool } from '../src/db/pgPool';
import { runMigrations } from '../src/db/migrator';

// Each integration test file gets its own fresh database on the stack's PostgreSQL, migrated.

export async function createTestDatabase(
  serverUrl: string,
): Promise<{ pool: Pool; url: string; drop: () => Promise<void> }> {
  const name = `orak_test_${randomUUID().replace(/-/g, '')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const pool = createPool(url.toString());
  await runMigrations(pool);
  return {
    pool,
    url: url.toString(),
    drop: async () => {
      await pool.end();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

import { execFileSync } from 'node:child_process';
import { chownSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '../freePort';
import { launch, waitUntilReady, type ServiceHandle } from '../serviceProcess';
import { makeDataDir } from '../serviceDirs';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export type PostgresHandle = ServiceHandle<{ url: string }>;

/** PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` system user. */
function runAsIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

function chownTree(path: string, uid: number, gid: number): void {
  chownSync(path, uid, gid);
  if (!statSync(path).isDirectory()) return;
  for (const entry of readdirSync(path)) chownTree(join(path, entry), uid, gid);
}

/** Starts a throwaway PostgreSQL 15 cluster on a free port, trusting local connections. */
export async function startPostgres(database = 'orak'): Promise<PostgresHandle> {
  const started = Date.now();
  const dataDir = makeDataDir('postgres');
  const clusterDir = join(dataDir, 'cluster');
  const ids = runAsIds();
  if (ids) chownTree(dataDir, ids.uid, ids.gid);
  execFileSync(
    join(PG_BIN, 'initdb'),
    ['-D', clusterDir, '-U', 'orak', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync'],
    { stdio: 'pipe', ...ids },
  );
  const port = await freePort();
  const { pid, logFile, watchdogPid } = launch({
    name: 'postgres',
    command: join(PG_BIN, 'postgres'),
    args: [
      '-D',
      clusterDir,
      '-p',
      String(port),
      '-k',
      dataDir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'max_connections=200',
    ],
    dataDir,
    ...(ids ? { uid: ids.uid, gid: ids.gid } : {}),
  });
  const adminUrl = `postgres://orak@127.0.0.1:${port}/postgres`;
  await waitUntilReady('postgres', pid, logFile, async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } finally {
      await client.end().catch(() => undefined);
    }
  });
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`create database ${database}`);
  await client.end();
  return {
    name: 'postgres',
    pid,
    dataDir,
    logFile,
    readyMs: Date.now() - started,
    ...(watchdogPid === undefined ? {} : { watchdogPid }),
    settings: { url: `postgres://orak@127.0.0.1:${port}/${database}` },
  };
}

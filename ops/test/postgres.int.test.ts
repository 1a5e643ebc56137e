import { describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import './support/providedContext';

describe('PostgreSQL 15 (throwaway cluster)', () => {
  it('answers queries and keeps a transaction atomic', async () => {
    const client = new pg.Client({ connectionString: inject('services').postgres.url });
    await client.connect();
    try {
      const version = await client.query<{ server_version_num: string }>('show server_version_num');
      expect(Number(version.rows[0]!.server_version_num)).toBeGreaterThanOrEqual(150000);
      await client.query('create temp table takes (id serial primary key, title text not null)');
      await client.query('begin');
      await client.query("insert into takes (title) values ('kept')");
      await client.query('commit');
      await client.query('begin');
      await client.query("insert into takes (title) values ('rolled back')");
      await client.query('rollback');
      const rows = await client.query<{ title: string }>('select title from takes order by id');
      expect(rows.rows.map((r) => r.title)).toEqual(['kept']);
    } finally {
      await client.end();
    }
  });
});

// The throwaway PostgreSQL starts, answers queries and is gone after stop().
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startPostgres } from '../kit/postgres.ts';

describe('test PostgreSQL', () => {
  it('starts a server of its own, serves a database and stops', async () => {
    const server = await startPostgres();
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    const { rows } = await client.query<{ n: number }>('SELECT 1 + 1 AS n');
    expect(rows[0]!.n).toBe(2);
    await client.end();
    await server.stop();
    const after = new pg.Client({ connectionString: server.url, connectionTimeoutMillis: 2000 });
    await expect(after.connect()).rejects.toThrow();
  });
});

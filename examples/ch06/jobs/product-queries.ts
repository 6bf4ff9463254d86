/**
 * Worker side of ch06/postgres-per-worker-loop: each pool worker runs its own event loop and its
 * own connection pool, and sends its queries concurrently on it.
 */
import postgres from 'postgres';
import { coroutine, gather, run } from '../../../src/index.js';
import { asyncTimed } from '../../util.js';

export const PRODUCT_QUERY = `
SELECT *
FROM product as p
JOIN sku as s on s.product_id = p.product_id
JOIN product_color as pc on pc.product_color_id = s.product_color_id
JOIN product_size as ps on ps.product_size_id = s.product_size_id
WHERE p.product_id = 100`;

type Sql = ReturnType<typeof postgres>;

const queryProduct = coroutine(async function queryProduct(sql: Sql): Promise<Record<string, unknown>> {
  // The pool lends a connection for the query and takes it back (asyncpg's `pool.acquire()`).
  const rows = await sql.unsafe(PRODUCT_QUERY);
  return { ...rows[0] };
});

const queryProductsConcurrently = asyncTimed(async function queryProductsConcurrently(sql: Sql, queries: number) {
  return await gather(...Array.from({ length: queries }, () => queryProduct(sql)));
});

/**
 * The job: a new event loop in this worker (`run`), a pool of 6 connections, `numQueries`
 * queries at once. Returns the rows.
 */
export async function runInNewLoop(numQueries: number, databaseUrl: string): Promise<Record<string, unknown>[]> {
  return await run(async () => {
    const sql = postgres(databaseUrl, { max: 6, onnotice: () => {} });
    try {
      return await queryProductsConcurrently(sql, numQueries);
    } finally {
      await sql.end();
    }
  });
}

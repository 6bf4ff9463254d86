/**
 * Chapter 6 — CPU and I/O together: one event loop per pool worker, each querying PostgreSQL
 * through its own pool of 6 connections.
 * Observe: five worker processes each run `numQueries` queries concurrently on their own loop
 * ("finished queryProductsConcurrently" once per worker), and main collects them all:
 * "Retrieved 50000 products from the product database." Uses DATABASE_URL when set; otherwise it
 * starts an embedded PostgreSQL (PGlite, Postgres compiled to WebAssembly, served on a local
 * port) so nothing has to be installed. Either way it creates and fills the tables it queries.
 * The embedded database keeps its files in node_modules/.cache/tsaio-examples/pglite: the first
 * run initialises it (about 10 s), later runs open it in about a second.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import postgres from 'postgres';
import { gather, getRunningLoop, run } from '../../src/index.js';
import { ProcessPoolExecutor, workerModule } from '../../src/executors/index.js';
import { asyncTimed, isMain } from '../util.js';

const jobs = workerModule<typeof import('./jobs/product-queries.js')>(new URL('./jobs/product-queries.js', import.meta.url));

/** A database to query: DATABASE_URL, or an embedded one started here. */
async function openDatabase(): Promise<{ url: string; close(): Promise<void> }> {
  const fromEnv = process.env['DATABASE_URL'];
  if (fromEnv !== undefined && fromEnv !== '') {
    console.log('using DATABASE_URL');
    return { url: fromEnv, close: async () => {} };
  }
  const dataDir = fileURLToPath(new URL('../../node_modules/.cache/tsaio-examples/pglite', import.meta.url));
  mkdirSync(dataDir, { recursive: true });
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir);
  } catch {
    // A damaged data directory (e.g. a run killed half-way): start afresh.
    rmSync(dataDir, { recursive: true, force: true });
    db = await PGlite.create(dataDir);
  }
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 64 });
  await server.start();
  const url = `postgres://postgres@${server.getServerConn()}/postgres`;
  console.log(`started an embedded PostgreSQL (PGlite) on ${server.getServerConn()}`);
  return {
    url,
    close: async () => {
      await server.stop();
      await db.close();
    },
  };
}

/** Creates the book's product tables if needed and fills them when empty. */
async function createAndFill(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`
      CREATE TABLE IF NOT EXISTS product_color (product_color_id SERIAL PRIMARY KEY, product_color_name TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS product_size (product_size_id SERIAL PRIMARY KEY, product_size_name TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS product (product_id SERIAL PRIMARY KEY, product_name TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS sku (
        sku_id SERIAL PRIMARY KEY,
        product_id INT NOT NULL REFERENCES product(product_id),
        product_size_id INT NOT NULL REFERENCES product_size(product_size_id),
        product_color_id INT NOT NULL REFERENCES product_color(product_color_id)
      );
      CREATE INDEX IF NOT EXISTS sku_product_id ON sku(product_id);
    `);
    const [{ n }] = (await sql`SELECT count(*)::int AS n FROM product`) as unknown as [{ n: number }];
    if (n > 0) {
      console.log(`the product tables are ready (${n} products)`);
      return;
    }
    await sql.unsafe(`
      INSERT INTO product_color (product_color_name) VALUES ('Blue'), ('Black');
      INSERT INTO product_size (product_size_name) VALUES ('Small'), ('Medium'), ('Large');
      INSERT INTO product (product_name) SELECT 'product ' || i FROM generate_series(1, 1000) AS i;
      INSERT INTO sku (product_id, product_size_id, product_color_id)
        SELECT p, 1 + (p % 3), 1 + (p % 2) FROM generate_series(1, 1000) AS p;
    `);
    console.log('filled the product, product_color, product_size and sku tables');
  } finally {
    await sql.end();
  }
}

export const main = asyncTimed(async function main(numQueries: number = 10_000, workers: number = 5): Promise<number> {
  const database = await openDatabase();
  try {
    await createAndFill(database.url);
    const loop = getRunningLoop();
    await using pool = new ProcessPoolExecutor({ maxWorkers: workers });
    const tasks = Array.from({ length: workers }, () => loop.runInExecutor(pool, jobs.runInNewLoop, numQueries, database.url));
    const allResults = await gather(...tasks);
    const totalQueries = allResults.reduce((sum, result) => sum + result.length, 0);
    console.log(`Retrieved ${totalQueries} products from the product database.`);
    return totalQueries;
  } finally {
    await database.close();
  }
});

if (isMain(import.meta.url)) await run(main());

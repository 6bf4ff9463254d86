/**
 * Chapter 7 — the job the thread-pool examples run. Not an example itself.
 */

/**
 * The book's `get_status_code`, run in a pool thread: one GET, then the status code. A worker
 * thread handles one job at a time, so each thread does one request at a time, as
 * `requests.get` does in a Python thread. Self-contained, so the pool ships it by source.
 */
export async function getStatusCode(url: string): Promise<number> {
  const response = await fetch(url);
  await response.arrayBuffer();
  return response.status;
}

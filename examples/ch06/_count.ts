/**
 * Chapter 6 — the book's `count` job, shared by the pool examples. Not an example itself.
 */

/**
 * Counts to `countTo` and prints how long it took (from the worker that runs it). It uses
 * nothing from its surroundings, so a pool can ship it to a worker by its source.
 */
export function count(countTo: number): number {
  const start = performance.now();
  let counter = 0;
  while (counter < countTo) counter = counter + 1;
  const end = performance.now();
  console.log(`Finished counting to ${countTo} in ${(end - start) / 1000}`);
  return counter;
}

/**
 * Helpers for the scenario programs that the harness starts, one fresh process per run: read the
 * size argument and print the one JSON line the harness reads. bench/python/common.py is the twin.
 */

/** What a scenario program reports: elapsed milliseconds, or bytes per task for S8. */
export type Measurement = { ms: number } | { bytesPerTask: number };

/** The size argument (`node --import tsx program.ts SIZE`): a positive integer. */
export function sizeArg(): number {
  const size = Number(process.argv[2]);
  if (!Number.isInteger(size) || size <= 0) {
    throw new TypeError(`expected a positive integer size argument, got ${String(process.argv[2])}`);
  }
  return size;
}

/** Prints `measurement` as the one JSON line the harness reads. */
export function report(measurement: Measurement): void {
  console.log(JSON.stringify(measurement));
}

/**
 * `npm run demo`: a guided tour of tsaio through the book's samples, one or two per chapter,
 * each announced with what to watch for. About a minute on the real clock; nothing needs the
 * network. `npm run example -- --list` lists every sample, `npm run example -- <name>` runs one.
 */
import { findExample, runExample } from './catalog.js';

interface Stop {
  name: string;
  /** Arguments for the example's `main`, when the tour runs a shorter version. */
  args?: unknown[];
  /** What the tour changes, said out loud. */
  note?: string;
}

const TOUR: Stop[] = [
  { name: 'ch01/threads-http' },
  { name: 'ch02/async-timed' },
  { name: 'ch02/cancel-after-5s' },
  { name: 'ch02/wait-for-shield' },
  { name: 'ch02/cpu-bound-pitfall' },
  { name: 'ch04/comprehension-wrong' },
  { name: 'ch04/comprehension-right' },
  { name: 'ch04/gather-requests' },
  { name: 'ch04/as-completed-timeout' },
  { name: 'ch04/wait-first-completed' },
  { name: 'ch06/processes-counting' },
  { name: 'ch06/executor-map' },
  { name: 'ch07/locked-counter-reporter' },
  { name: 'ch09/asgi-service' },
  { name: 'ch11/lock' },
  { name: 'ch11/semaphore' },
  { name: 'ch12/supermarket-endless', args: [6], note: 'stopped after 6 s instead of 15' },
  { name: 'ch12/priority-queue-tuples' },
  { name: 'ch14/sleep-zero' },
  { name: 'ch14/echo-server' },
];

const bold = (s: string): string => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s: string): string => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[0m` : s);

const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const stops = only.length > 0 ? TOUR.filter((s) => only.some((o) => s.name.includes(o))) : TOUR;

console.log(bold('tsaio — Python Concurrency with asyncio, in TypeScript'));
console.log(`A tour of ${stops.length} samples from the book. Each prints what the book prints.\n`);

const tourStart = performance.now();
for (const [i, stop] of stops.entries()) {
  const info = findExample(stop.name);
  if (info === undefined) throw new Error(`the tour names a missing example: ${stop.name}`);
  console.log(bold(`━━ ${i + 1}/${stops.length}  ${info.title}`));
  if (info.description !== '') console.log(info.description.replace(/^/gm, '   '));
  console.log(dim(`   npm run example -- ${info.name}${stop.note ? `   (${stop.note})` : ''}\n`));
  const start = performance.now();
  await runExample(info, stop.args ?? []);
  console.log(dim(`\n   (${((performance.now() - start) / 1000).toFixed(1)} s)\n`));
}
console.log(bold(`Tour done in ${((performance.now() - tourStart) / 1000).toFixed(0)} s.`));
console.log('Every sample: npm run example -- --list    One sample: npm run example -- <name>');

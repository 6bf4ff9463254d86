import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Job, JobQueue } from '../../src/executors/job.js';
import { fnRecord } from '../../src/executors/job-source.js';

const def = fnRecord((x: number) => x);
const sink = { resolve() {}, reject() {}, cancel() {} };
const jobs = (n: number): Job[] => Array.from({ length: n }, (_, i) => new Job(i, def, [], 0, null, sink));
const ids = (q: JobQueue): number[] => q.drain().map((j) => j.id);

test('the job queue is strictly FIFO', () => {
  const q = new JobQueue();
  for (const j of jobs(5)) q.push(j);
  assert.equal(q.length, 5);
  assert.equal(q.shift()?.id, 0);
  assert.deepEqual(ids(q), [1, 2, 3, 4]);
  assert.equal(q.shift(), null);
});

test('a job can leave from anywhere in the queue', () => {
  const q = new JobQueue();
  const js = jobs(5);
  for (const j of js) q.push(j);
  q.remove(js[2]!);
  q.remove(js[0]!);
  q.remove(js[4]!);
  assert.equal(q.length, 2);
  assert.deepEqual(ids(q), [1, 3]);
});

test('jobs put back at the front keep their order and their turn', () => {
  const q = new JobQueue();
  const js = jobs(6);
  for (const j of js.slice(3)) q.push(j);
  q.unshiftAll(js.slice(0, 3));
  assert.deepEqual(ids(q), [0, 1, 2, 3, 4, 5]);
  q.unshiftAll(js.slice(0, 2));
  q.push(js[5]!);
  assert.deepEqual(ids(q), [0, 1, 5]);
});

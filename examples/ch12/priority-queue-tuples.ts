/**
 * Chapter 12 — a PriorityQueue of `[priority, data]` tuples.
 * Observe: put in the order 3, 2, 1, the items come out 1, 2, 3: tuples compare element by
 * element, as in Python, so the lowest number is served first.
 */
import { PriorityQueue, createTask, gather, run } from '../../src/index.js';
import { isMain } from '../util.js';

type WorkItem = [priority: number, data: string];

async function worker(queue: PriorityQueue<WorkItem>): Promise<void> {
  while (!queue.empty()) {
    const workItem = await queue.get();
    console.log(`Processing work item (${workItem[0]}, '${workItem[1]}')`);
    queue.taskDone();
  }
}

export async function main(): Promise<void> {
  const priorityQueue = new PriorityQueue<WorkItem>();
  const workItems: WorkItem[] = [
    [3, 'Lowest priority'],
    [2, 'Medium priority'],
    [1, 'High priority'],
  ];
  const workerTask = createTask(() => worker(priorityQueue));
  for (const work of workItems) priorityQueue.putNowait(work);
  await gather(priorityQueue.join(), workerTask);
}

if (isMain(import.meta.url)) await run(main);

/**
 * Chapter 12 — a LifoQueue is a stack: last in, first out.
 * Observe: the five items are pushed in order 1…5 and popped 5…1, whatever their priority
 * (a LifoQueue ignores it).
 */
import { LifoQueue, createTask, gather, run } from '../../src/index.js';
import { isMain } from '../util.js';

class WorkItem {
  constructor(
    readonly priority: number,
    readonly order: number,
    readonly data: string,
  ) {}

  toString(): string {
    return `WorkItem(priority=${this.priority}, order=${this.order}, data='${this.data}')`;
  }
}

async function worker(queue: LifoQueue<WorkItem>): Promise<void> {
  while (!queue.empty()) {
    const workItem = await queue.get();
    console.log(`出栈: ${workItem}`); // popped
    queue.taskDone();
  }
}

export async function main(): Promise<void> {
  const lifoQueue = new LifoQueue<WorkItem>();
  const workItems = [
    new WorkItem(3, 1, 'Lowest priority first'),
    new WorkItem(3, 2, 'Lowest priority second'),
    new WorkItem(3, 3, 'Lowest priority third'),
    new WorkItem(2, 4, 'Medium priority'),
    new WorkItem(1, 5, 'High priority'),
  ];
  const workerTask = createTask(() => worker(lifoQueue));
  for (const work of workItems) {
    console.log(`入栈: ${work}`); // pushed
    lifoQueue.putNowait(work);
  }
  await gather(lifoQueue.join(), workerTask);
}

if (isMain(import.meta.url)) await run(main);

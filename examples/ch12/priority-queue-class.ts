/**
 * Chapter 12 — a PriorityQueue of objects of a class (the book's `@dataclass(order=True)`).
 * Observe: the queue orders WorkItems by `priority` only (the `key` option; `data` is not
 * compared, like `field(compare=False)`): High, Medium, then Lowest priority.
 */
import { PriorityQueue, createTask, gather, run } from '../../src/index.js';
import { isMain } from '../util.js';

class WorkItem {
  constructor(
    readonly priority: number,
    readonly data: string,
  ) {}

  toString(): string {
    return `WorkItem(priority=${this.priority}, data='${this.data}')`;
  }
}

async function worker(queue: PriorityQueue<WorkItem>): Promise<void> {
  while (!queue.empty()) {
    const workItem = await queue.get();
    console.log(`Processing work item ${workItem}`);
    queue.taskDone();
  }
}

export async function main(): Promise<void> {
  const priorityQueue = new PriorityQueue<WorkItem>(0, { key: (item) => item.priority });
  const workItems = [new WorkItem(3, 'Lowest priority'), new WorkItem(2, 'Medium priority'), new WorkItem(1, 'High priority')];
  const workerTask = createTask(() => worker(priorityQueue));
  for (const work of workItems) priorityQueue.putNowait(work);
  await gather(priorityQueue.join(), workerTask);
}

if (isMain(import.meta.url)) await run(main);

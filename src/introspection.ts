/**
 * formatTasks and printTasks: what every pending task of a loop is waiting on, as a tree
 * (Python 3.14's `asyncio pstree`, in-process).
 * @module
 */
import { Future } from './futures.js';
import type { EventLoop } from './loop/event-loop.js';
import { currentTaskOrNull } from './loop/context.js';
import { getRunningLoop } from './loop/running.js';
import { Coroutine } from './tasks/coroutine.js';
import { Task } from './tasks/task.js';

function coroName(task: Task<unknown>): string {
  const coro = task.getCoro();
  return `${(coro instanceof Coroutine ? coro.name : coro.name) || 'anonymous'}()`;
}

/** The tasks a future stands for: itself if it is a task, or the tasks behind a gather or shield. */
function tasksBehind(fut: Future<unknown>): Task<unknown>[] {
  if (fut instanceof Task) return [fut];
  return fut._awaitedFutures().flatMap(tasksBehind);
}

function describeWait(fut: Future<unknown>): string {
  if (fut instanceof Task) return fut.getName();
  const inner = fut._awaitedFutures();
  const label = fut._waitLabel();
  if (inner.length === 0) return label;
  return `${label}(${inner.map(describeWait).join(', ')})`;
}

function line(task: Task<unknown>): string {
  const waits = task._waitingOn();
  const state =
    task.cancelling() > 0 ? 'cancelling' : task === currentTaskOrNull() ? 'running' : waits.length > 0 ? 'waiting' : 'ready';
  let text = `${task.getName()} ${coroName(task)} [${state}]`;
  if (waits.length > 0) text += ` awaiting ${waits.map(describeWait).join(', ')}`;
  const createdAt = task.getStack().find((frame) => frame.startsWith('at ') && !frame.includes('/src/'));
  if (createdAt !== undefined) text += ` (created ${createdAt})`;
  return text;
}

/**
 * The pending tasks of `loop` (default: the running loop) as a tree: each line gives the task's
 * name, its function, its state (running, ready, waiting, cancelling) and what it awaits — a future, a
 * sleep, a lock or queue, other tasks by name; tasks it awaits are drawn below it. In debug mode
 * each line also says where the task was created.
 *
 * To see it from outside a running program, call it from a signal handler of your own:
 * `process.on('SIGUSR2', () => loop.callSoon(printTasks))`.
 *
 * @example
 * Task-1 main() [waiting] awaiting gather(Task-2, Task-3)
 * ├── Task-2 worker() [waiting] awaiting sleep(3)
 * └── Task-3 worker() [waiting] awaiting Lock.acquire
 */
export function formatTasks(loop: EventLoop = getRunningLoop()): string {
  const pending = [...loop._tasks].filter((t) => !t.done());
  const children = new Map<Task<unknown>, Task<unknown>[]>();
  const awaited = new Set<Task<unknown>>();
  for (const task of pending) {
    const kids = task._waitingOn().flatMap(tasksBehind).filter((t) => !t.done());
    children.set(task, kids);
    for (const kid of kids) awaited.add(kid);
  }
  const out: string[] = [];
  const seen = new Set<Task<unknown>>();
  const draw = (task: Task<unknown>, prefix: string, branch: string): void => {
    out.push(prefix + branch + line(task));
    if (seen.has(task)) return;
    seen.add(task);
    const kids = children.get(task) ?? [];
    const childPrefix = prefix + (branch === '' ? '' : branch === '└── ' ? '    ' : '│   ');
    kids.forEach((kid, i) => draw(kid, childPrefix, i === kids.length - 1 ? '└── ' : '├── '));
  };
  for (const task of pending) if (!awaited.has(task)) draw(task, '', '');
  for (const task of pending) if (!seen.has(task)) draw(task, '', ''); // cycles
  return out.join('\n');
}

/** Writes {@link formatTasks} to stdout. */
export function printTasks(loop?: EventLoop): void {
  process.stdout.write(formatTasks(loop) + '\n');
}

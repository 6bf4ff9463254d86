/**
 * Chapter 12 — the supermarket: three cashiers take customers from a Queue.
 * Observe: the cashiers work on different customers at the same time; each customer is checked
 * out exactly once, and `queue.join()` returns when every `taskDone()` has been called. This
 * version uses `getNowait()` while the queue is not empty: fine here, because all customers are
 * queued before the cashiers start.
 */
import { Queue, createTask, gather, run, sleep } from '../../src/index.js';
import { isMain } from '../util.js';
import { generateCustomer, makeRandrange, type Customer } from './_supermarket.js';

async function checkoutCustomer(queue: Queue<Customer>, cashierNumber: number): Promise<void> {
  while (!queue.empty()) {
    const customer = queue.getNowait();
    console.log(`收营员 ${cashierNumber} 结账客户 ${customer.customerId}`); // cashier n checks out customer
    for (const product of customer.products) {
      console.log(`收营员 ${cashierNumber} 正在给${customer.customerId} 's 结算 ${product.name}`);
      await sleep(product.checkoutTime);
    }
    console.log(`收营员 ${cashierNumber} 完成对${customer.customerId} 的结算`); // done with customer
    queue.taskDone();
  }
}

export async function main(seed?: number): Promise<void> {
  const randrange = makeRandrange(seed);
  const customerQueue = new Queue<Customer>();
  for (let i = 0; i < 10; i++) customerQueue.putNowait(generateCustomer(i, randrange));
  const cashiers = [0, 1, 2].map((i) => createTask(() => checkoutCustomer(customerQueue, i)));
  await gather(customerQueue.join(), ...cashiers);
}

if (isMain(import.meta.url)) await run(main);

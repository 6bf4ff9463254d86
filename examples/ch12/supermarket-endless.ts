/**
 * Chapter 12 — the endless supermarket: a producer and three cashiers on a bounded Queue(5).
 * Observe: customers arrive every second; when five are waiting, `await queue.put()` blocks the
 * producer ("客户正在等待排队..." without "客户已加入排队!") until a cashier takes one; cashiers
 * block on `await queue.get()` when nobody is waiting. The book's version runs forever; a time
 * limit (15 s by default) stops it here.
 */
import { Queue, TimeoutError, createTask, gather, run, sleep, timeout } from '../../src/index.js';
import { isMain } from '../util.js';
import { generateCustomer, makeRandrange, type Customer } from './_supermarket.js';

async function checkoutCustomer(queue: Queue<Customer>, cashierNumber: number): Promise<never> {
  while (true) {
    const customer = await queue.get();
    console.log(`收营员 ${cashierNumber} 结账客户 ${customer.customerId}`);
    for (const product of customer.products) {
      console.log(`收营员 ${cashierNumber} 正在给${customer.customerId} 's 结算 ${product.name}`);
      await sleep(product.checkoutTime);
    }
    console.log(`收营员 ${cashierNumber} 完成对${customer.customerId} 的结算`);
    queue.taskDone();
  }
}

async function customerGenerator(queue: Queue<Customer>, randrange: (n: number) => number): Promise<never> {
  let customerCount = 0;
  while (true) {
    const n = randrange(5);
    const customers = Array.from({ length: n }, (_, k) => generateCustomer(customerCount + k, randrange));
    for (const customer of customers) {
      console.log('客户正在等待排队...'); // a customer is waiting to queue
      await queue.put(customer);
      console.log('客户已加入排队!'); // the customer joined the queue
    }
    customerCount = customerCount + customers.length;
    await sleep(1);
  }
}

export async function main(timeLimit: number = 15, seed?: number): Promise<void> {
  const randrange = makeRandrange(seed);
  const customerQueue = new Queue<Customer>(5);
  const customerProducer = createTask(() => customerGenerator(customerQueue, randrange));
  const cashiers = [0, 1, 2].map((i) => createTask(() => checkoutCustomer(customerQueue, i)));
  try {
    await timeout(timeLimit, () => gather(customerProducer, ...cashiers));
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    console.log(`time limit of ${timeLimit} s reached: the store closes`);
  }
}

if (isMain(import.meta.url)) await run(main);

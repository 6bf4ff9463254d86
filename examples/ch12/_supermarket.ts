/**
 * Chapter 12 — the supermarket's products and customers, shared by both queue examples.
 * Not an example itself.
 */

export class Product {
  constructor(
    readonly name: string,
    readonly checkoutTime: number,
  ) {}
}

export class Customer {
  constructor(
    readonly customerId: number,
    readonly products: Product[],
  ) {}
}

export const ALL_PRODUCTS = [new Product('beer', 2), new Product('bananas', 0.5), new Product('sausage', 0.2), new Product('diapers', 0.2)];

/**
 * Python's `random.randrange(n)`, from a seeded generator (mulberry32) so that a run can be
 * repeated; without a seed, from Math.random.
 */
export function makeRandrange(seed?: number): (n: number) => number {
  if (seed === undefined) return (n) => Math.floor(Math.random() * n);
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return Math.floor(r * n);
  };
}

/** A customer with up to 9 random products. */
export function generateCustomer(customerId: number, randrange: (n: number) => number): Customer {
  const products = Array.from({ length: randrange(10) }, () => ALL_PRODUCTS[randrange(ALL_PRODUCTS.length)]!);
  return new Customer(customerId, products);
}

/**
 * Chapter 4 — printing helpers shared by the HTTP examples. Not an example itself.
 */

/** Python's repr of an exception, e.g. `InvalidURL('python://example.com')`. */
export function reprError(e: unknown): string {
  return e instanceof Error ? `${e.name}('${e.message}')` : String(e);
}

/** A list as Python prints it, long lists shortened: `[200, 200, 200, 200, 200, ..., 200] (1000 results)`. */
export function reprList(items: unknown[]): string {
  const show = (x: unknown): string => (x instanceof Error ? reprError(x) : typeof x === 'string' ? `'${x}'` : String(x));
  if (items.length <= 10) return `[${items.map(show).join(', ')}]`;
  return `[${[...items.slice(0, 5).map(show), '...', show(items.at(-1))].join(', ')}] (${items.length} results)`;
}

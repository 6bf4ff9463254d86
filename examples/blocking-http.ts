/**
 * A blocking HTTP GET, the role of Python's `requests.get` in the book: it does not return until
 * the response has arrived, and nothing else runs on this thread meanwhile. Node has no blocking
 * HTTP client, so it runs the request in a short-lived child process and waits for it with
 * `execFileSync`. (Use it only to show why blocking calls hurt, or inside a thread pool.)
 */
import { execFileSync } from 'node:child_process';

const SCRIPT = `fetch(process.argv[1]).then(async (r) => { await r.arrayBuffer(); process.stdout.write(String(r.status)); }, (e) => { console.error(e.message); process.exit(1); })`;

/** GETs `url` synchronously and returns the status code. */
export function getStatusCode(url: string): number {
  const out = execFileSync(process.execPath, ['-e', SCRIPT, url], { encoding: 'utf8' });
  return Number(out);
}

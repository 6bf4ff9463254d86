/**
 * Chapter 4 — timeouts for a whole session and for one request (`ClientTimeout`).
 * Observe: the session allows 1 s in total (0.1 s to connect) and its request succeeds; a
 * request given 10 ms of its own cannot get the server's 50 ms answer and raises TimeoutError.
 */
import { TimeoutError, run } from '../../src/index.js';
import { ClientSession, ClientTimeout } from '../../src/http/index.js';
import { startLocalServer } from '../local-server.js';
import { isMain } from '../util.js';

async function fetchStatus(session: ClientSession, url: string, timeout?: ClientTimeout): Promise<number> {
  await using result = await session.get(url, timeout === undefined ? {} : { timeout });
  return result.status;
}

export async function main(): Promise<string[]> {
  await using server = await startLocalServer({ delay: 0.05 }); // stands in for https://baidu.com
  const sessionTimeout = new ClientTimeout({ total: 1, connect: 0.1 });
  await using session = new ClientSession({ timeout: sessionTimeout });
  const outcomes: string[] = [];
  for (const timeout of [undefined, new ClientTimeout({ total: 0.01 })]) {
    const label = timeout === undefined ? 'with the session timeout (1 s)' : 'with a 10 ms timeout';
    try {
      outcomes.push(`${label}: ${await fetchStatus(session, server.url, timeout)}`);
    } catch (e) {
      if (!(e instanceof TimeoutError)) throw e;
      outcomes.push(`${label}: TimeoutError`);
    }
    console.log(outcomes.at(-1));
  }
  return outcomes;
}

if (isMain(import.meta.url)) await run(main);

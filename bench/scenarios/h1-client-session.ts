/**
 * H1: N GETs to a local HTTP server through one ClientSession (limit 100), gathered; bodies read.
 * The spelling is aiohttp's: `gather(*[fetch_body(session, url) for _ in range(n)])` with a
 * coroutine function, so each request runs as its own task, as in asyncio.
 */
import { coroutine, gather, run } from '../../src/index.js';
import { ClientSession } from '../../src/http/index.js';
import { reportH1, timeGets } from '../h1/timed-gets.js';

const fetchBody = coroutine(async (session: ClientSession, url: string): Promise<number> => {
  await using resp = await session.get(url);
  return (await resp.read()).length;
});

await reportH1((n, url) =>
  run(async () => {
    await using session = new ClientSession({ limit: 100 });
    return await timeGets(n, () => gather(Array.from({ length: n }, () => fetchBody(session, url))));
  }),
);

/**
 * H1 peer: N GETs with Node's own `fetch`, Promise.all; bodies read. Node's fetch has no
 * connection limit of its own, so it is given an undici Agent with 100 connections (`dispatcher`).
 */
import { Agent } from 'undici';
import { reportH1, timeGets } from '../h1/timed-gets.js';

async function fetchBody(agent: Agent, url: string): Promise<number> {
  const resp = await fetch(url, { dispatcher: agent } as unknown as RequestInit);
  return (await resp.arrayBuffer()).byteLength;
}

await reportH1(async (n, url) => {
  const agent = new Agent({ connections: 100 });
  try {
    return await timeGets(n, () => Promise.all(Array.from({ length: n }, () => fetchBody(agent, url))));
  } finally {
    await agent.close();
  }
});

/** H1 floor: N `undici.request` GETs through one Agent with 100 connections, Promise.all; bodies read. */
import { Agent, request } from 'undici';
import { reportH1, timeGets } from '../h1/timed-gets.js';

async function fetchBody(agent: Agent, url: string): Promise<number> {
  const { body } = await request(url, { dispatcher: agent });
  return (await body.arrayBuffer()).byteLength;
}

await reportH1(async (n, url) => {
  const agent = new Agent({ connections: 100 });
  try {
    return await timeGets(n, () => Promise.all(Array.from({ length: n }, () => fetchBody(agent, url))));
  } finally {
    await agent.close();
  }
});

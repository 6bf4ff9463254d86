/**
 * Chapter 14 — a line echo server with `startServer` (the book's uvloop sample; tsaio runs on
 * Node's own libuv loop, so there is nothing to install).
 * Observe: three clients connect at once; each gets its own line back from `connected`, which
 * tsaio runs as a separate task per connection. Run with `--serve` to keep it listening on
 * port 9000 (try `nc 127.0.0.1 9000`).
 */
import { gather, run } from '../../src/index.js';
import { openConnection, startServer, type StreamReader, type StreamWriter } from '../../src/streams/index.js';
import { isMain } from '../util.js';

async function connected(reader: StreamReader, writer: StreamWriter): Promise<void> {
  const line = await reader.readline();
  writer.write(line);
  await writer.drain();
  writer.close();
  await writer.waitClosed();
}

async function client(port: number, message: string): Promise<string> {
  const [reader, writer] = await openConnection('127.0.0.1', port);
  writer.write(`${message}\n`);
  await writer.drain();
  const reply = new TextDecoder().decode(await reader.readline()).trimEnd();
  writer.close();
  await writer.waitClosed();
  console.log(`client sent ${JSON.stringify(message)}, got back ${JSON.stringify(reply)}`);
  return reply;
}

export async function main(port: number = 0, serveForever: boolean = false): Promise<string[]> {
  const server = await startServer(connected, '127.0.0.1', port);
  const address = server.sockets[0]!.address();
  const listening = typeof address === 'object' && address !== null ? address.port : port;
  console.log(`serving on 127.0.0.1:${listening}`);
  if (serveForever) {
    await server.serveForever();
    return [];
  }
  try {
    return await gather(client(listening, 'hello'), client(listening, 'from'), client(listening, 'tsaio'));
  } finally {
    server.close();
    await server.waitClosed();
    console.log('server closed');
  }
}

if (isMain(import.meta.url)) {
  const serve = process.argv.includes('--serve');
  await run(() => main(serve ? 9000 : 0, serve));
}

/**
 * N1: an echo server on tsaio's `startServer`; each client handled as asyncio's docs spell it,
 * `readline()` → `write(line)` → `await drain()` until EOF. The same client (bench/n1/client.ts,
 * raw node:net, on core 1) sends N 100-byte lines over 100 connections, ping-pong; this server
 * runs on core 0 and reports msgs/s and its own CPU time per message.
 */
import { run } from '../../src/index.js';
import { startServer, type StreamReader, type StreamWriter } from '../../src/streams/index.js';
import { driveClient, type N1Result } from '../n1/drive.js';
import { report, sizeArg } from '../lib/program.js';

async function echo(reader: StreamReader, writer: StreamWriter): Promise<void> {
  for (;;) {
    const line = await reader.readline();
    if (line.length === 0) break;
    writer.write(line);
    await writer.drain();
  }
  writer.close();
  await writer.waitClosed();
}

async function main(n: number): Promise<N1Result> {
  await using server = await startServer(echo, '127.0.0.1', 0);
  const { port } = server.sockets[0].address() as { port: number };
  return await driveClient(port, n);
}

const n = sizeArg();
report(await run(() => main(n)));

/**
 * N1 floor: the same line echo on raw node:net. Each complete line received is written back
 * (one write per line, as the tsaio handler does); `write()` returning false pauses reading
 * until 'drain' (the floor's backpressure). Driven by the same client, same pinning.
 */
import * as net from 'node:net';
import { driveClient } from '../n1/drive.js';
import { report, sizeArg } from '../lib/program.js';

const LF = 10;

function echo(socket: net.Socket): void {
  socket.setNoDelay(true);
  let partial: Buffer | null = null;
  socket.on('data', (chunk: Buffer) => {
    const data = partial === null ? chunk : Buffer.concat([partial, chunk]);
    partial = null;
    let start = 0;
    for (let end = data.indexOf(LF); end !== -1; end = data.indexOf(LF, start)) {
      if (!socket.write(data.subarray(start, end + 1))) {
        socket.pause();
        socket.once('drain', () => socket.resume());
      }
      start = end + 1;
    }
    if (start < data.length) partial = data.subarray(start);
  });
  socket.on('end', () => socket.end());
  socket.on('error', () => {});
}

const n = sizeArg();
const server = net.createServer(echo);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as net.AddressInfo;
try {
  report(await driveClient(port, n));
} finally {
  server.close();
}

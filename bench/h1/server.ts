/**
 * The H1 server: a minimal keep-alive HTTP/1.1 server on node:net that answers every request
 * with the same canned 200 response, so that it is not the limit for any client it is compared
 * across. Prints its port on stdout; exits when stdin closes (its parent went away).
 *
 * Usage: node --import tsx bench/h1/server.ts
 */
import * as net from 'node:net';

const BODY = 'x'.repeat(100);
const RESPONSE = Buffer.from(
  `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${BODY.length}\r\nKeep-Alive: timeout=60\r\n\r\n${BODY}`,
);
const CR = 13;
const LF = 10;

const server = net.createServer((socket) => {
  socket.setNoDelay(true);
  // Where we are in "\r\n\r\n" (a GET has no body: the blank line ends each request).
  let matched = 0;
  socket.on('data', (chunk: Buffer) => {
    let requests = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (c === (matched % 2 === 0 ? CR : LF)) {
        matched++;
        if (matched === 4) {
          requests++;
          matched = 0;
        }
      } else {
        matched = c === CR ? 1 : 0;
      }
    }
    if (requests === 1) socket.write(RESPONSE);
    else if (requests > 1) socket.write(Buffer.concat(Array.from({ length: requests }, () => RESPONSE)));
  });
  socket.on('error', () => {});
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${(server.address() as net.AddressInfo).port}\n`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AsyncioError, ClientError, ClientResponseError, TimeoutError } from '../../src/index.js';
import { ServerTimeoutError, TooManyRedirects } from '../../src/http/index.js';

test('ServerTimeoutError is a TimeoutError (not a ClientError) naming its timeout', () => {
  const e = new ServerTimeoutError('sockRead', 0.5, 'http://h/x');
  assert.ok(e instanceof ServerTimeoutError);
  assert.ok(e instanceof TimeoutError);
  assert.ok(e instanceof AsyncioError);
  assert.ok(e instanceof Error);
  assert.ok(!(e instanceof ClientError));
  assert.equal(e.name, 'ServerTimeoutError');
  assert.equal(e.code, 'ERR_TSAIO_SERVER_TIMEOUT');
  assert.equal(e.timeout, 'sockRead');
  assert.equal(e.seconds, 0.5);
  assert.equal(e.url, 'http://h/x');
  assert.equal(e.message, 'Socket read timeout: sockRead=0.5 s expired for http://h/x');
  assert.ok(!(new TimeoutError('x') instanceof ServerTimeoutError));
});

test('TooManyRedirects is a ClientResponseError with the count', () => {
  const e = new TooManyRedirects(302, 'Found', 'http://h/r', 11);
  assert.ok(e instanceof TooManyRedirects);
  assert.ok(e instanceof ClientResponseError);
  assert.ok(e instanceof ClientError);
  assert.ok(!(e instanceof TimeoutError));
  assert.equal(e.name, 'TooManyRedirects');
  assert.equal(e.code, 'ERR_TSAIO_TOO_MANY_REDIRECTS');
  assert.equal(e.status, 302);
  assert.equal(e.redirects, 11);
  assert.ok(!(new ClientResponseError(500, 'x', 'u') instanceof TooManyRedirects));
});

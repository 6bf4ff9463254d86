import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ClientConnectorError,
  ClientError,
  ClientResponseError,
  ContentTypeError,
  InvalidURL,
  RuntimeError,
  ValueError,
  gather,
  run,
} from '../../src/index.js';
import { ClientResponse, ClientSession } from '../../src/http/index.js';
import { refusedPort, startServer, type TestServer } from './helpers.js';

let server: TestServer;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server.close();
});

test('GET: status, reason, ok, case-insensitive headers, text body', async () => {
  await run(async () => {
    await using session = new ClientSession();
    const resp = await session.get(`${server.url}/text`);
    assert.ok(resp instanceof ClientResponse);
    assert.equal(resp.status, 200);
    assert.equal(resp.reason, 'OK');
    assert.equal(resp.ok, true);
    assert.equal(resp.method, 'GET');
    assert.equal(String(resp.url), `${server.url}/text`);
    assert.equal(resp.headers.get('Content-Type'), 'text/plain; charset=utf-8');
    assert.equal(resp.headers.get('CONTENT-LENGTH'), '12');
    assert.equal(resp.contentType, 'text/plain');
    assert.equal(resp.charset, 'utf-8');
    assert.equal(await resp.text(), 'hello, world');
  });
});

test('the body is read once and cached: read(), text() and json() in any order, any number of times', async () => {
  await run(async () => {
    await using session = new ClientSession();
    const resp = await session.get(`${server.url}/json`);
    const first = await resp.read();
    assert.equal(new TextDecoder().decode(first), '{"hello":"world"}');
    assert.deepEqual(await resp.json(), { hello: 'world' });
    assert.equal(await resp.text(), '{"hello":"world"}');
    assert.equal(await resp.read(), first, 'the same bytes, not a second read');
  });
});

test('bytes come back as a Uint8Array, byte for byte', async () => {
  await run(async () => {
    await using session = new ClientSession();
    const resp = await session.get(`${server.url}/bytes`);
    const body = await resp.read();
    assert.ok(body instanceof Uint8Array);
    assert.deepEqual([...body], Array.from({ length: 256 }, (_, i) => i));
  });
});

test('a large body arriving in many chunks is joined in order', async () => {
  await run(async () => {
    await using session = new ClientSession();
    const resp = await session.get(`${server.url}/big`, { params: { kb: 1024 } });
    const body = await resp.read();
    assert.equal(body.length, 1024 * 1024);
    assert.ok(body.every((b) => b === 120));
  });
});

test('json() raises ContentTypeError unless the content type is JSON, or contentType: null', async () => {
  await run(async () => {
    await using session = new ClientSession();
    const resp = await session.get(`${server.url}/echo`);
    assert.equal((await resp.json() as { method: string }).method, 'GET');
    const text = await session.post(`${server.url}/text`);
    await assert.rejects(text.json(), (e: unknown) => {
      assert.ok(e instanceof ContentTypeError);
      assert.ok(e instanceof ClientError);
      assert.match((e as Error).message, /unexpected mimetype: text\/plain/);
      return true;
    });
    assert.equal(await text.text(), 'hello, world', 'the body stays readable after ContentTypeError');
    const anyType = await session.get(`${server.url}/echo`);
    assert.equal((await anyType.json({ contentType: null }) as { method: string }).method, 'GET');
    const notJson = await session.get(`${server.url}/text`);
    await assert.rejects(notJson.json({ contentType: null }), SyntaxError);
  });
});

test('requests send params, headers, json and form data; session headers are merged case-insensitively', async () => {
  await run(async () => {
    await using session = new ClientSession({ headers: { 'X-Session': 'yes', 'X-Over': 'session' } });
    type Echo = { method: string; url: string; headers: Record<string, string>; body: string };
    const a = (await (await session.post(`${server.url}/echo?a=1`, {
      params: { b: 2, c: ['x', 'y z'] },
      headers: { 'x-over': 'request' },
      json: { n: 1, s: 'é' },
    })).json()) as Echo;
    assert.equal(a.method, 'POST');
    assert.equal(a.url, '/echo?a=1&b=2&c=x&c=y+z');
    assert.equal(a.headers['x-session'], 'yes');
    assert.equal(a.headers['x-over'], 'request');
    assert.equal(a.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(a.body), { n: 1, s: 'é' });
    const b = (await (await session.put(`${server.url}/echo`, { data: { k: 'v w' } })).json()) as Echo;
    assert.equal(b.method, 'PUT');
    assert.equal(b.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(b.body, 'k=v+w');
    const c = (await (await session.patch(`${server.url}/echo`, { data: new Uint8Array([104, 105]) })).json()) as Echo;
    assert.equal(c.method, 'PATCH');
    assert.equal(c.body, 'hi');
    const d = (await (await session.delete(`${server.url}/echo`)).json()) as Echo;
    assert.equal(d.method, 'DELETE');
    const e = (await (await session.request('options', `${server.url}/echo`)).json()) as Echo;
    assert.equal(e.method, 'OPTIONS');
  });
});

test('HEAD has headers and an empty body; the slot is free for the next request', async () => {
  await run(async () => {
    // undici closes a connection after HEAD (it sends `connection: close`), so this is not reuse.
    await using session = new ClientSession({ limit: 1 });
    const resp = await session.head(`${server.url}/text`);
    assert.equal(resp.status, 200);
    assert.equal(resp.headers.get('content-length'), '12');
    assert.equal((await resp.read()).length, 0);
    assert.equal(await (await session.get(`${server.url}/text`)).text(), 'hello, world');
  });
});

test('baseUrl resolves relative URLs', async () => {
  await run(async () => {
    await using session = new ClientSession({ baseUrl: `${server.url}/` });
    assert.equal(await (await session.get('text')).text(), 'hello, world');
    assert.equal(await (await session.get('/json')).text(), '{"hello":"world"}');
  });
});

test('keep-alive: sequential requests share one connection', async () => {
  await run(async () => {
    await using session = new ClientSession();
    const before = server.connections.total;
    for (let i = 0; i < 5; i++) await (await session.get(`${server.url}/text`)).read();
    assert.equal(server.connections.total - before, 1);
    assert.equal(session.connections, 1);
  });
});

test('raiseForStatus(): ClientResponseError with status, message and url for 4xx/5xx only', async () => {
  await run(async () => {
    await using session = new ClientSession();
    const ok = await session.get(`${server.url}/status/204`);
    ok.raiseForStatus();
    const redirect = await session.get(`${server.url}/status/304`);
    assert.equal(redirect.ok, true);
    redirect.raiseForStatus();
    const resp = await session.get(`${server.url}/status/404`);
    assert.equal(resp.ok, false);
    assert.throws(
      () => resp.raiseForStatus(),
      (e: unknown) => {
        assert.ok(e instanceof ClientResponseError);
        assert.equal(e.status, 404);
        assert.equal(e.url, `${server.url}/status/404`);
        assert.match(e.message, /^404, message='Not Found'/);
        return true;
      },
    );
  });
});

test('raiseForStatus option: per session, overridden per request; the connection is still reused', async () => {
  await run(async () => {
    await using session = new ClientSession({ raiseForStatus: true, limit: 1 });
    const before = server.connections.total;
    await assert.rejects(session.get(`${server.url}/status/500`), (e: unknown) => {
      assert.ok(e instanceof ClientResponseError);
      assert.equal(e.status, 500);
      return true;
    });
    const resp = await session.get(`${server.url}/status/503`, { raiseForStatus: false });
    assert.equal(resp.status, 503);
    assert.equal(await resp.text(), 'status 503');
    assert.equal(server.connections.total - before, 1);
  });
  await run(async () => {
    await using session = new ClientSession();
    await assert.rejects(session.get(`${server.url}/status/418`, { raiseForStatus: true }), ClientResponseError);
  });
});

test("'python://bad', a malformed URL and a refused connection are collected by gather(returnExceptions)", async () => {
  const port = await refusedPort();
  await run(async () => {
    await using session = new ClientSession();
    const results = await gather(
      [
        session.get(`${server.url}/text`),
        session.get('python://bad'),
        session.get('http://exa mple.com:bad/'),
        session.get(`http://127.0.0.1:${port}/`),
      ],
      { returnExceptions: true },
    );
    assert.ok(results[0] instanceof ClientResponse);
    assert.equal((results[0] as ClientResponse).status, 200);
    assert.ok(results[1] instanceof InvalidURL);
    assert.equal((results[1] as InvalidURL).url, 'python://bad');
    assert.match((results[1] as Error).message, /python:\/\/bad/);
    assert.ok(results[2] instanceof InvalidURL);
    assert.ok(results[3] instanceof ClientConnectorError);
    assert.ok(results[3] instanceof ClientError);
    assert.equal((results[3] as ClientConnectorError).host, '127.0.0.1');
    assert.equal((results[3] as ClientConnectorError).port, port);
    assert.match((results[3] as Error).message, new RegExp(`127\\.0\\.0\\.1:${port}`));
    assert.equal(session.connections, 1, 'the refused connection gave its slot back');
  });
});

test('other schemes, relative URLs without baseUrl and URLs without a host are InvalidURL', async () => {
  await run(async () => {
    await using session = new ClientSession();
    for (const url of ['ftp://example.com/', 'file:///etc/passwd', '/relative', 'http://', 'not a url']) {
      await assert.rejects(session.get(url), (e: unknown) => {
        assert.ok(e instanceof InvalidURL, `${url}: ${String(e)}`);
        assert.equal(e.url, url);
        return true;
      });
    }
  });
});

test('after close(), a request fails with RuntimeError("Session is closed") when awaited', async () => {
  await run(async () => {
    const session = new ClientSession();
    await (await session.get(`${server.url}/text`)).read();
    assert.equal(session.closed, false);
    await session.close();
    assert.equal(session.closed, true);
    assert.equal(session.connections, 0);
    const fut = session.get(`${server.url}/text`);
    await assert.rejects(fut, (e: unknown) => e instanceof RuntimeError && e.message === 'Session is closed');
    await session.close();
  });
});

test('close() fails requests in flight with a ClientError', async () => {
  await run(async () => {
    const session = new ClientSession();
    const pending = session.get(`${server.url}/stall`);
    const closing = session.close();
    await assert.rejects(pending, ClientError);
    await closing;
  });
});

test('bad arguments are named at the door', async () => {
  assert.throws(() => new ClientSession({ limit: -1 }), (e: unknown) => e instanceof ValueError && /limit.*-1/.test((e as Error).message));
  assert.throws(() => new ClientSession({ limitPerHost: -2 }), ValueError);
  assert.throws(() => new ClientSession({ limit: 1.5 }), ValueError);
  assert.throws(() => new ClientSession({ limit: '3' as never }), (e: unknown) => e instanceof TypeError && /'3' \(string\)/.test((e as Error).message));
  assert.throws(() => new ClientSession({ timeout: { total: -1 } }), ValueError);
  assert.throws(() => new ClientSession({ timeout: { totl: 1 } as never }), /unknown field 'totl'/);
  assert.throws(() => new ClientSession({ baseUrl: 'nope' }), ValueError);
  assert.throws(() => new ClientSession({ colour: 1 } as never), /unknown ClientSession option 'colour'/);
  await run(async () => {
    await using session = new ClientSession();
    assert.throws(() => session.get(42 as never), (e: unknown) => e instanceof TypeError && /42 \(number\)/.test((e as Error).message));
    assert.throws(() => session.request('GE T', `${server.url}/`), TypeError);
    assert.throws(() => session.get(`${server.url}/`, { params: { a: true as never } }), /params\['a'\]/);
    assert.throws(() => session.get(`${server.url}/`, { headers: { 'x-a': {} as never } }), /headers\['x-a'\]/);
    assert.throws(() => session.get(`${server.url}/`, { headers: { 'x-a': 'a\r\nb' } }), ValueError);
    assert.throws(() => session.post(`${server.url}/`, { json: 1, data: 'x' }), ValueError);
    assert.throws(() => session.post(`${server.url}/`, { data: 5 as never }), TypeError);
    assert.throws(() => session.get(`${server.url}/`, { timeot: 1 } as never), /unknown request option 'timeot'/);
    assert.throws(() => session.get(`${server.url}/`, { signal: {} as never }), TypeError);
  });
  const outside = new ClientSession();
  assert.throws(() => outside.get(`${server.url}/`), (e: unknown) => e instanceof RuntimeError && /no running event loop/.test((e as Error).message));
  await outside.close();
});

test('await using releases an unread body: the rest is drained and the connection reused', async () => {
  await run(async () => {
    await using session = new ClientSession({ limit: 1 });
    const before = server.connections.total;
    {
      await using resp = await session.get(`${server.url}/drip`, { params: { n: 5, gap: 5 } });
      assert.equal(resp.status, 200);
    }
    assert.equal(await (await session.get(`${server.url}/text`)).text(), 'hello, world');
    assert.equal(server.connections.total - before, 1);
  });
});

test('close() on a response with its body still arriving closes that connection', async () => {
  await run(async () => {
    await using session = new ClientSession({ limit: 1 });
    const resp = await session.get(`${server.url}/stall-body`);
    resp.close();
    await assert.rejects(resp.read(), ClientError);
    assert.equal(await (await session.get(`${server.url}/text`)).text(), 'hello, world');
  });
});

test('redirects are followed as in aiohttp: url and history tell the way', async () => {
  await run(async () => {
    await using session = new ClientSession({ limit: 1 });
    const resp = await session.get(`${server.url}/redirect`, { params: { n: 3, to: '/text' } });
    assert.equal(resp.status, 200);
    assert.equal(await resp.text(), 'hello, world');
    assert.equal(String(resp.url), `${server.url}/text`);
    assert.deepEqual(resp.history.map((r) => r.status), [302, 302, 302]);
    resp.history[0]!.release();
    await assert.rejects(resp.history[0]!.read(), ClientError);
    assert.equal(await resp.text(), 'hello, world', 'releasing a history response leaves the final one alone');
    const manual = await session.get(`${server.url}/redirect`, { allowRedirects: false });
    assert.equal(manual.status, 302);
    assert.equal(manual.headers.get('location'), '/text');
    assert.equal(session.connections, 1, 'one connection served every hop');
  });
});

test('303 (and 301/302 after POST) turn into a GET without body; 307/308 repeat method and body', async () => {
  await run(async () => {
    await using session = new ClientSession();
    type Echo = { method: string; body: string; headers: Record<string, string> };
    for (const status of [301, 302, 303]) {
      const r = await session.post(`${server.url}/redirect`, { params: { status, to: '/echo' }, json: { a: 1 } });
      const echo = (await r.json()) as Echo;
      assert.equal(echo.method, 'GET', `after ${status}`);
      assert.equal(echo.body, '');
      assert.equal(echo.headers['content-type'], undefined);
    }
    for (const status of [307, 308]) {
      const r = await session.post(`${server.url}/redirect`, { params: { status, to: '/echo' }, json: { a: 1 } });
      const echo = (await r.json()) as Echo;
      assert.equal(echo.method, 'POST', `after ${status}`);
      assert.equal(echo.body, '{"a":1}');
    }
  });
});

test('too many redirects is TooManyRedirects; a redirect to another scheme is InvalidURL', async () => {
  const { TooManyRedirects } = await import('../../src/http/index.js');
  await run(async () => {
    await using session = new ClientSession();
    await assert.rejects(session.get(`${server.url}/redirect`, { params: { n: 4 }, maxRedirects: 3 }), (e: unknown) => {
      assert.ok(e instanceof TooManyRedirects);
      assert.ok(e instanceof ClientResponseError);
      assert.equal(e.name, 'TooManyRedirects');
      assert.equal(e.redirects, 4);
      return true;
    });
    assert.equal((await session.get(`${server.url}/redirect`, { params: { n: 3 }, maxRedirects: 3 })).status, 200);
    await assert.rejects(session.get(`${server.url}/redirect`, { params: { to: 'python://bad' } }), (e: unknown) => {
      assert.ok(e instanceof InvalidURL);
      assert.equal(e.url, 'python://bad');
      return true;
    });
  });
});

test('an idempotent request on a kept-alive connection the server just closed is sent once more', async () => {
  const { flakyKeepAliveServer } = await import('./helpers.js');
  const { ClientError: CE } = await import('../../src/index.js');
  const flaky = await flakyKeepAliveServer();
  try {
    await run(async () => {
      await using session = new ClientSession({ limit: 1 });
      assert.equal(await (await session.get(`${flaky.url}/`)).text(), 'ok');
      assert.equal(await (await session.get(`${flaky.url}/`)).text(), 'ok', 'retried on a new connection');
      assert.equal(flaky.dropped, 1);
      // A POST is not idempotent: it is not sent twice.
      await assert.rejects(session.post(`${flaky.url}/`, { data: 'x' }), CE);
      assert.equal(flaky.dropped, 2);
    });
  } finally {
    await flaky.close();
  }
});

test('the ClientSession doc example runs as written', async () => {
  const { coroutine } = await import('../../src/index.js');
  const urls = [`${server.url}/text`, `${server.url}/status/404`, `${server.url}/json`];
  const statuses = await run(async () => {
    const fetchStatus = coroutine(async (session: ClientSession, url: string) => {
      await using resp = await session.get(url);
      return resp.status;
    });
    await using session = new ClientSession({ timeout: { total: 10 }, limit: 10 });
    const statuses = await gather(urls.map((url) => fetchStatus(session, url)));
    return statuses;
  });
  assert.deepEqual(statuses, [200, 404, 200]);
});

test('keepAliveTimeout: an idle connection is closed after it, and its slot freed', async () => {
  await run(async () => {
    const { sleep } = await import('../../src/index.js');
    await using session = new ClientSession({ keepAliveTimeout: 0.05 });
    await (await session.get(`${server.url}/text`)).read();
    assert.equal(session.connections, 1);
    for (let i = 0; i < 20_000 && session.connections > 0; i++) await sleep(0.001);
    assert.equal(session.connections, 0);
  });
  assert.throws(() => new ClientSession({ keepAliveTimeout: 0 }), ValueError);
});

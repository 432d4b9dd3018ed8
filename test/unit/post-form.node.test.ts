// postForm() of the Node build (src/http/post-form.node.ts: node:http with a keep-alive agent),
// against a real http.createServer on 127.0.0.1: what reaches the server, the statuses, the
// timeout and the abort (the request is torn down), a refused connection, and socket reuse.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { postForm } from '../../src/http/post-form.node';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  socket: Socket;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, seen: Seen) => void;

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
});

/** A server on 127.0.0.1 that records each request (with its socket) and the connections it accepted. */
async function serve(handler: Handler = (_req, res) => res.end('{"auth":"k:s"}')) {
  const seen: Seen[] = [];
  const sockets: Socket[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, socket: req.socket };
      seen.push(entry);
      handler(req, res, entry);
    });
  });
  server.on('connection', (socket: Socket) => sockets.push(socket));
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/broadcasting/auth`;
  return { server, url, seen, sockets };
}

const request = (extra: { timeout?: number; signal?: AbortSignal; headers?: Record<string, string> } = {}) => ({ headers: {}, timeout: 5000, ...extra });
const closed = (socket: Socket) => new Promise<void>((done) => (socket.destroyed ? done() : socket.once('close', () => done())));

describe('postForm (Node: node:http)', () => {
  it('POSTs the form with the form headers and the given headers, and resolves with the status and body', async () => {
    const { url, seen } = await serve();
    const response = await postForm(url, 'socket_id=1.2&channel_name=private-a', request({ headers: { Authorization: 'Bearer t', 'X-CSRF-TOKEN': 'c' } }));
    expect(response).toEqual({ status: 200, text: '{"auth":"k:s"}' });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/broadcasting/auth', body: 'socket_id=1.2&channel_name=private-a' });
    expect(seen[0]!.headers).toMatchObject({
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      authorization: 'Bearer t',
      'x-csrf-token': 'c',
      'content-length': String('socket_id=1.2&channel_name=private-a'.length),
      connection: 'keep-alive',
    });
    expect(seen[0]!.headers['transfer-encoding']).toBeUndefined();
  });

  it('counts the body in bytes, not characters', async () => {
    const { url, seen } = await serve();
    await postForm(url, 'name=Zoë', request());
    expect([seen[0]!.body, seen[0]!.headers['content-length']]).toEqual(['name=Zoë', '9']);
  });

  it('resolves with a 5xx (and any other status) and its body', async () => {
    const { url } = await serve((_req, res) => {
      res.statusCode = 503;
      res.end('<h1>busy</h1>');
    });
    expect(await postForm(url, '', request())).toEqual({ status: 503, text: '<h1>busy</h1>' });
  });

  it('rejects with a TimeoutError after `timeout` ms when the server never answers, and closes the connection', async () => {
    const { url, seen } = await serve(() => {});
    const t0 = Date.now();
    const error = (await postForm(url, 'a=1', request({ timeout: 200 })).catch((e: Error) => e)) as Error;
    const elapsed = Date.now() - t0;
    expect([error instanceof Error, error.name]).toEqual([true, 'TimeoutError']);
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(2000);
    await closed(seen[0]!.socket);
  });

  it('the timeout also covers a body that never ends', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('{"auth":');
    });
    await expect(postForm(url, '', request({ timeout: 200 }))).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('rejects with an AbortError when the signal aborts, and closes the connection', async () => {
    const { url, seen } = await serve(() => {});
    const controller = new AbortController();
    const settled = postForm(url, '', request({ signal: controller.signal })).catch((e: Error) => e);
    await new Promise<void>((done) => {
      const poll = () => (seen.length ? done() : setTimeout(poll, 5));
      poll();
    });
    controller.abort(new Error('left the channel'));
    expect(((await settled) as Error).name).toBe('AbortError');
    await closed(seen[0]!.socket);
  });

  it('an already aborted signal rejects with an AbortError without connecting', async () => {
    const { url, sockets } = await serve();
    const controller = new AbortController();
    controller.abort();
    await expect(postForm(url, '', request({ signal: controller.signal }))).rejects.toMatchObject({ name: 'AbortError' });
    await new Promise((done) => setTimeout(done, 50));
    expect(sockets).toHaveLength(0);
  });

  it('a refused connection rejects with the network error (neither a timeout nor an abort)', async () => {
    const { url, server } = await serve();
    server.close();
    await new Promise((done) => setTimeout(done, 20));
    const error = (await postForm(url, '', request()).catch((e: Error) => e)) as NodeJS.ErrnoException;
    expect(error).toBeInstanceOf(Error);
    expect(['TimeoutError', 'AbortError']).not.toContain(error.name);
    expect(error.code).toBe('ECONNREFUSED');
  });

  it('a connection dropped before the response ends rejects with a network error', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('{"auth":', () => res.socket?.destroy());
    });
    const error = (await postForm(url, '', request()).catch((e: Error) => e)) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(['TimeoutError', 'AbortError']).not.toContain(error.name);
  });

  it('a relative or non-HTTP URL rejects with a message that says what to pass', async () => {
    await expect(postForm('/broadcasting/auth', '', request())).rejects.toThrow(
      '"/broadcasting/auth" is not an absolute URL; in Node the endpoint needs scheme and host, e.g. http://127.0.0.1:8000/broadcasting/auth',
    );
    await expect(postForm('ftp://127.0.0.1/auth', '', request())).rejects.toThrow('"ftp://127.0.0.1/auth" is not an http: or https: URL');
  });

  it('a header value Node cannot send rejects at once and leaves no timer behind', async () => {
    const { url, sockets } = await serve();
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const before = timers();
    await expect(postForm(url, '', request({ timeout: 60_000, headers: { 'X-Token': 'a\nb' } }))).rejects.toMatchObject({ code: 'ERR_INVALID_CHAR' });
    expect(timers()).toBe(before);
    expect(sockets).toHaveLength(0);
  });

  it('follows a redirect as fetch does: after a 302 the POST continues as a GET without the body and its headers, credentials kept on the same origin', async () => {
    const { url, seen } = await serve((req, res) => {
      if (req.method === 'POST') {
        res.writeHead(302, { Location: '/login' });
        res.end('redirecting');
      } else res.end('<!doctype html><p>login</p>');
    });
    expect(await postForm(url, 'a=1', request({ headers: { Authorization: 'Bearer t' } }))).toEqual({ status: 200, text: '<!doctype html><p>login</p>' });
    expect(seen.map((s) => [s.method, s.url, s.body])).toEqual([
      ['POST', '/broadcasting/auth', 'a=1'],
      ['GET', '/login', ''],
    ]);
    expect(seen[1]!.headers).toMatchObject({ authorization: 'Bearer t', accept: 'application/json' });
    expect(seen[1]!.headers['content-type']).toBeUndefined();
    expect(seen[1]!.headers['content-length']).toBeUndefined();
  });

  it('a 307 or 308 repeats the POST with its body; another origin does not get the Authorization header', async () => {
    const other = await serve((_req, res) => res.end('{"auth":"moved"}'));
    const { url, seen } = await serve((_req, res) => {
      res.writeHead(seen.length === 1 ? 307 : 308, { Location: seen.length === 1 ? '/again' : other.url });
      res.end();
    });
    expect(await postForm(url, 'a=1', request({ headers: { Authorization: 'Bearer t' } }))).toEqual({ status: 200, text: '{"auth":"moved"}' });
    expect(seen.map((s) => [s.method, s.url, s.body, s.headers.authorization])).toEqual([
      ['POST', '/broadcasting/auth', 'a=1', 'Bearer t'],
      ['POST', '/again', 'a=1', 'Bearer t'],
    ]);
    expect(other.seen.map((s) => [s.method, s.body, s.headers['content-type'], s.headers.authorization])).toEqual([
      ['POST', 'a=1', 'application/x-www-form-urlencoded', undefined],
    ]);
  });

  it('more than 20 redirects, or one to a non-HTTP URL, reject with a network error', async () => {
    const loop = await serve((_req, res) => {
      res.writeHead(302, { Location: '/loop' });
      res.end();
    });
    await expect(postForm(loop.url, '', request())).rejects.toThrow(`${loop.url} redirected more than 20 times`);
    expect(loop.seen).toHaveLength(21);
    const away = await serve((_req, res) => {
      res.writeHead(301, { Location: 'ftp://127.0.0.1/x' });
      res.end();
    });
    await expect(postForm(away.url, '', request())).rejects.toThrow(`${away.url} redirected to "ftp://127.0.0.1/x", which is not an http: or https: URL`);
  });

  it('a status with a Location that is not a redirect (201) is the answer', async () => {
    const { url, seen } = await serve((_req, res) => {
      res.writeHead(201, { Location: '/elsewhere' });
      res.end('created');
    });
    expect(await postForm(url, '', request())).toEqual({ status: 201, text: 'created' });
    expect(seen).toHaveLength(1);
  });

  it('sequential requests reuse one kept-alive socket', async () => {
    const { url, seen, sockets } = await serve();
    for (let i = 0; i < 5; i++) expect((await postForm(url, `n=${i}`, request())).status).toBe(200);
    expect(seen.map((s) => s.body)).toEqual(['n=0', 'n=1', 'n=2', 'n=3', 'n=4']);
    expect(sockets).toHaveLength(1);
    expect(new Set(seen.map((s) => s.socket)).size).toBe(1);
  });

  it('a burst of requests shares at most 32 sockets instead of opening one each, and the next burst reuses them', async () => {
    const { url, seen, sockets } = await serve();
    const burst = (from: number) => Promise.all(Array.from({ length: 100 }, (_, i) => postForm(url, `n=${from + i}`, request())));
    expect((await burst(0)).every((r) => r.status === 200)).toBe(true);
    expect(seen).toHaveLength(100);
    expect(sockets.length).toBeGreaterThan(1);
    expect(sockets.length).toBeLessThanOrEqual(32);
    const opened = sockets.length;
    expect((await burst(100)).every((r) => r.status === 200)).toBe(true);
    expect(sockets).toHaveLength(opened);
  });

  it('a kept-alive socket the server closed meanwhile: the request goes once more on a fresh socket', async () => {
    let drop = false;
    const { url, seen, sockets } = await serve((_req, res, entry) => {
      // The second request on the first socket: the server drops it unanswered, as a server
      // closing an idle connection just as the request arrives does.
      if (drop && entry.socket === sockets[0]) entry.socket.destroy();
      else res.end('ok');
    });
    expect((await postForm(url, 'n=1', request())).text).toBe('ok');
    drop = true;
    expect(await postForm(url, 'n=2', request())).toEqual({ status: 200, text: 'ok' });
    expect(seen.map((s) => s.body)).toEqual(['n=1', 'n=2', 'n=2']);
    expect(sockets).toHaveLength(2);
  });

  it('... but a fresh socket that fails is not retried here (the caller decides)', async () => {
    const { url, seen } = await serve((_req, _res, entry) => entry.socket.destroy());
    const error = (await postForm(url, 'n=1', request()).catch((e: NodeJS.ErrnoException) => e)) as NodeJS.ErrnoException;
    expect(error.code).toBe('ECONNRESET');
    expect(seen).toHaveLength(1);
  });

  it('an idle kept-alive socket does not keep the process alive', async () => {
    const { url, sockets } = await serve();
    const dir = mkdtempSync(join(tmpdir(), 'post-form-'));
    try {
      const script = join(dir, 'run.mjs');
      const bundled = await build({
        entryPoints: [resolve(__dirname, '../../src/http/post-form.node.ts')],
        bundle: true,
        platform: 'node',
        format: 'esm',
        write: false,
      });
      writeFileSync(
        script,
        `${bundled.outputFiles[0]!.text}\nconst r = await postForm(process.argv[2], 'a=1', { headers: {}, timeout: 5000 });\nconsole.log(r.status);\n`,
      );
      const t0 = Date.now();
      // The child exits on its own once the request is done, although the server keeps the
      // connection open (its keep-alive timeout is 5 s); 4 s is the hard limit.
      const out = await new Promise<string>((done, fail) =>
        execFile(process.execPath, [script, url], { encoding: 'utf8', timeout: 4000 }, (error, stdout) => (error ? fail(error) : done(stdout))),
      );
      expect(out.trim()).toBe('200');
      expect(Date.now() - t0).toBeLessThan(3000);
      expect(sockets).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

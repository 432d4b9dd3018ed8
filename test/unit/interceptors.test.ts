import axios, { type AxiosAdapter, type AxiosInstance, type InternalAxiosRequestConfig } from 'axios';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PusherConnector } from '../../src/connector/pusher-connector';
import { Echo } from '../../src/echo';
import { originAllowed } from '../../src/interceptors';
import { fakeDocument, fakeJQuery, fakeLocation, fakeVueHttp, turboFetch } from './fakes/fake-page';
import { FakePusher } from './fakes/fake-pusher';
import { fakeIo, type FakeSocketV4 } from './fakes/fake-socket';
import type { ExtraOptions } from './support';

// Requests never leave the process: every axios call goes through this adapter.
let captured: InternalAxiosRequestConfig[];
const adapter: AxiosAdapter = async (config) => {
  captured.push(config);
  return { data: {}, status: 200, statusText: 'OK', headers: {}, config };
};
const sentHeader = (config: InternalAxiosRequestConfig | undefined) => config?.headers.get('X-Socket-ID') ?? undefined;

const made: Array<Echo<'pusher'>> = [];
/** A Pusher echo (interceptors on) whose connection has socket id `socketId` (none when null). */
const echoWith = (options: ExtraOptions = {}, socketId: string | null = '1234.5678') => {
  const echo = new Echo<'pusher'>({ broadcaster: 'pusher', key: 'k', cluster: 'mt1', Pusher: FakePusher, ...options });
  made.push(echo);
  if (socketId) ((echo.connector as PusherConnector).pusher as FakePusher).connectAs(socketId);
  return echo;
};
const activeInterceptors = (instance: AxiosInstance) =>
  (instance.interceptors.request as unknown as { handlers: unknown[] }).handlers.filter(Boolean).length;

beforeEach(() => {
  captured = [];
  vi.stubGlobal('location', fakeLocation('https://shop.example/orders/7'));
});

afterEach(() => {
  for (const echo of made.splice(0)) echo.unregisterInterceptors();
  vi.unstubAllGlobals();
});

describe('X-Socket-ID on axios (real axios, capturing adapter)', () => {
  it('the global window.axios sends it to the page origin', async () => {
    vi.stubGlobal('axios', axios);
    echoWith();
    await axios.post('/orders', {}, { adapter });
    expect(sentHeader(captured[0])).toBe('1234.5678');
  });

  it('an axios.create() instance passed as options.axios sends it', async () => {
    const instance = axios.create({ adapter });
    echoWith({ axios: instance });
    await instance.post('/orders');
    expect(sentHeader(captured[0])).toBe('1234.5678');
  });

  it('several instances in options.axios all send it', async () => {
    const first = axios.create({ adapter });
    const second = axios.create({ adapter });
    echoWith({ axios: [first, second] });
    await first.get('/a');
    await second.get('/b');
    expect(captured.map(sentHeader)).toEqual(['1234.5678', '1234.5678']);
  });

  it('an absolute URL on the page origin sends it', async () => {
    const instance = axios.create({ adapter });
    echoWith({ axios: instance });
    await instance.get('https://shop.example/api/cart');
    expect(sentHeader(captured[0])).toBe('1234.5678');
  });

  it('a request to another origin does not send it', async () => {
    const instance = axios.create({ adapter });
    echoWith({ axios: instance });
    await instance.get('https://api.payments.example/charge');
    expect(sentHeader(captured[0])).toBeUndefined();
  });

  it('a relative URL on an instance whose baseURL is another origin does not send it', async () => {
    const instance = axios.create({ adapter, baseURL: 'https://api.shop-cdn.example/v1/' });
    echoWith({ axios: instance });
    await instance.get('/orders');
    expect(sentHeader(captured[0])).toBeUndefined();
  });

  it('socketIdOrigins widens it to the origins listed, and only those', async () => {
    const instance = axios.create({ adapter });
    echoWith({ axios: instance, socketIdOrigins: ['https://api.shop.example'] });
    await instance.get('https://api.shop.example/orders');
    await instance.get('https://tracker.example/pixel');
    expect(captured.map(sentHeader)).toEqual(['1234.5678', undefined]);
  });

  it("socketIdOrigins covers a baseURL's origin", async () => {
    const instance = axios.create({ adapter, baseURL: 'https://api.shop.example/v1' });
    echoWith({ axios: instance, socketIdOrigins: ['https://api.shop.example'] });
    await instance.get('orders');
    expect(sentHeader(captured[0])).toBe('1234.5678');
  });

  it("socketIdOrigins: '*' sends it everywhere", async () => {
    const instance = axios.create({ adapter });
    echoWith({ axios: instance, socketIdOrigins: '*' });
    await instance.get('https://tracker.example/pixel');
    expect(sentHeader(captured[0])).toBe('1234.5678');
  });

  it('is not sent while there is no socket id', async () => {
    const instance = axios.create({ adapter });
    echoWith({ axios: instance }, null);
    await instance.get('/orders');
    expect(sentHeader(captured[0])).toBeUndefined();
  });

  it('follows the current socket id after a reconnect', async () => {
    const instance = axios.create({ adapter });
    const echo = echoWith({ axios: instance }, '1.1');
    const pusher = (echo.connector as PusherConnector).pusher as FakePusher;
    pusher.drop();
    pusher.connectAs('2.2');
    await instance.get('/orders');
    expect(sentHeader(captured[0])).toBe('2.2');
  });

  it('an axios 0.x-style instance (plain-object headers) gets the header as a property', () => {
    const handlers: Array<(config: { url?: string; headers?: Record<string, string> }) => unknown> = [];
    const legacy = { interceptors: { request: { use: (fn: (typeof handlers)[number]) => handlers.push(fn) - 1, eject: vi.fn() } } };
    echoWith({ axios: legacy as never });
    const config = { url: '/orders', headers: { Accept: 'application/json' } };
    handlers[0]?.(config);
    expect(config.headers).toEqual({ Accept: 'application/json', 'X-Socket-ID': '1234.5678' });
  });

  it('withoutInterceptors leaves axios untouched', async () => {
    vi.stubGlobal('axios', axios);
    const before = activeInterceptors(axios);
    echoWith({ withoutInterceptors: true });
    await axios.get('/orders', { adapter });
    expect(sentHeader(captured[0])).toBeUndefined();
    expect(activeInterceptors(axios)).toBe(before);
  });

  it('unregisterInterceptors() ejects the axios interceptor', async () => {
    const instance = axios.create({ adapter });
    const echo = echoWith({ axios: instance });
    echo.unregisterInterceptors();
    await instance.get('/orders');
    expect(sentHeader(captured[0])).toBeUndefined();
    expect(activeInterceptors(instance)).toBe(0);
  });

  it('registerInterceptors() again does not install a second interceptor', () => {
    const instance = axios.create({ adapter });
    const echo = echoWith({ axios: instance });
    echo.registerInterceptors();
    expect(activeInterceptors(instance)).toBe(1);
  });

  it('an instance that is both window.axios and options.axios gets one interceptor', () => {
    const instance = axios.create({ adapter });
    vi.stubGlobal('axios', instance);
    echoWith({ axios: instance });
    expect(activeInterceptors(instance)).toBe(1);
  });

  it('two Echo instances each add their own socket id to their own axios instance', async () => {
    const a = axios.create({ adapter });
    const b = axios.create({ adapter });
    echoWith({ axios: a }, '1.1');
    echoWith({ axios: b }, '2.2');
    await a.get('/x');
    await b.get('/y');
    expect(captured.map(sentHeader)).toEqual(['1.1', '2.2']);
  });
});

describe('X-Socket-ID on jQuery, Turbo and vue-resource', () => {
  it('jQuery: a prefilter sets it for same-origin requests', () => {
    const jQuery = fakeJQuery();
    vi.stubGlobal('jQuery', jQuery);
    echoWith();
    expect(jQuery.ajax('/cart')).toEqual({ 'X-Socket-ID': '1234.5678' });
  });

  it('jQuery: not for another origin', () => {
    const jQuery = fakeJQuery();
    vi.stubGlobal('jQuery', jQuery);
    echoWith();
    expect(jQuery.ajax('https://tracker.example/x')).toEqual({});
  });

  it('jQuery: switched off by unregisterInterceptors()', () => {
    const jQuery = fakeJQuery();
    vi.stubGlobal('jQuery', jQuery);
    echoWith().unregisterInterceptors();
    expect(jQuery.ajax('/cart')).toEqual({});
  });

  it('Turbo: turbo:before-fetch-request gets it, other headers kept', () => {
    const document = fakeDocument();
    vi.stubGlobal('document', document);
    vi.stubGlobal('Turbo', {});
    echoWith();
    expect(turboFetch(document, 'https://shop.example/orders', { Accept: 'text/vnd.turbo-stream.html' })).toEqual({
      Accept: 'text/vnd.turbo-stream.html',
      'X-Socket-ID': '1234.5678',
    });
  });

  it('Turbo: not for another origin', () => {
    const document = fakeDocument();
    vi.stubGlobal('document', document);
    vi.stubGlobal('Turbo', {});
    echoWith();
    expect(turboFetch(document, 'https://tracker.example/x', {})).toEqual({});
  });

  it('Turbo: no listener without window.Turbo', () => {
    const document = fakeDocument();
    vi.stubGlobal('document', document);
    echoWith();
    expect(document.listenerCount('turbo:before-fetch-request')).toBe(0);
  });

  it('Turbo: unregisterInterceptors() removes the listener', () => {
    const document = fakeDocument();
    vi.stubGlobal('document', document);
    vi.stubGlobal('Turbo', {});
    echoWith().unregisterInterceptors();
    expect(document.listenerCount('turbo:before-fetch-request')).toBe(0);
  });

  it('vue-resource: an interceptor sets it and calls next()', () => {
    const http = fakeVueHttp();
    vi.stubGlobal('Vue', { http });
    echoWith();
    const after = vi.fn((_request: unknown, next: () => void) => next());
    http.interceptors.push(after);
    expect(http.request('/cart')).toEqual({ 'X-Socket-ID': '1234.5678' });
    expect(after).toHaveBeenCalledTimes(1);
  });

  it('vue-resource: not for another origin', () => {
    const http = fakeVueHttp();
    vi.stubGlobal('Vue', { http });
    echoWith();
    expect(http.request('https://tracker.example/x')).toEqual({});
  });

  it('vue-resource: unregisterInterceptors() removes only its interceptor', () => {
    const http = fakeVueHttp();
    const own = vi.fn();
    http.interceptors.push(own);
    vi.stubGlobal('Vue', { http });
    echoWith().unregisterInterceptors();
    expect(http.interceptors).toEqual([own]);
  });
});

describe('socketIdHeaders() and fetch()', () => {
  it('socketIdHeaders() gives the header for the page origin', () => {
    expect(echoWith({ withoutInterceptors: true }).socketIdHeaders('/orders')).toEqual({ 'X-Socket-ID': '1234.5678' });
  });

  it('socketIdHeaders() gives {} for another origin', () => {
    expect(echoWith({ withoutInterceptors: true }).socketIdHeaders('https://tracker.example/')).toEqual({});
  });

  it('socketIdHeaders() gives {} while there is no socket id', () => {
    expect(echoWith({ withoutInterceptors: true }, null).socketIdHeaders('/orders')).toEqual({});
  });

  it('fetch() adds it to a same-origin request and keeps the other headers', async () => {
    const fetch = vi.fn(async (_input: unknown, _init?: RequestInit) => new Response('{}'));
    vi.stubGlobal('fetch', fetch);
    await echoWith({ withoutInterceptors: true }).fetch('/orders', { method: 'POST', headers: { 'Content-Type': 'application/json' } });
    const init = fetch.mock.calls[0]?.[1];
    expect(init?.method).toBe('POST');
    expect(Object.fromEntries(new Headers(init?.headers))).toEqual({ 'content-type': 'application/json', 'x-socket-id': '1234.5678' });
  });

  it('fetch() leaves a cross-origin request as it was', async () => {
    const fetch = vi.fn(async (_input: unknown, _init?: RequestInit) => new Response('{}'));
    vi.stubGlobal('fetch', fetch);
    const init = { headers: { A: '1' } };
    await echoWith({ withoutInterceptors: true }).fetch('https://tracker.example/', init);
    expect(fetch).toHaveBeenCalledExactlyOnceWith('https://tracker.example/', init);
  });

  it("fetch() with a Request keeps the Request's headers and adds the socket id", async () => {
    const fetch = vi.fn(async (_input: unknown, _init?: RequestInit) => new Response('{}'));
    vi.stubGlobal('fetch', fetch);
    await echoWith({ withoutInterceptors: true }).fetch(new Request('https://shop.example/orders', { headers: { 'X-Req': '1' } }));
    expect(Object.fromEntries(new Headers(fetch.mock.calls[0]?.[1]?.headers))).toEqual({ 'x-req': '1', 'x-socket-id': '1234.5678' });
  });
});

describe('originAllowed()', () => {
  it('allows every URL when there is no page origin (Node)', () => {
    vi.unstubAllGlobals();
    expect(originAllowed('https://anywhere.example/', undefined)).toBe(true);
  });

  it('compares origins, not prefixes: https://shop.example.evil is another origin', () => {
    expect(originAllowed('https://shop.example.evil/x', undefined)).toBe(false);
  });

  it('treats another scheme or port of the same host as another origin', () => {
    expect([originAllowed('http://shop.example/x', undefined), originAllowed('https://shop.example:8443/x', undefined)]).toEqual([false, false]);
  });
});

describe('X-Socket-ID with the socket.io and null drivers', () => {
  const socketIoEcho = (options: ExtraOptions = {}) => {
    const echo = new Echo<'socket.io'>({ broadcaster: 'socket.io', client: fakeIo(), ...options });
    return { echo, socket: echo.connector.socket as FakeSocketV4 };
  };

  it("socket.io: an axios instance sends the socket's id", async () => {
    const instance = axios.create({ adapter });
    const { echo, socket } = socketIoEcho({ axios: instance });
    socket.serverConnect('sio-42');
    await instance.get('/orders');
    echo.unregisterInterceptors();
    expect(sentHeader(captured[0])).toBe('sio-42');
  });

  it('socket.io: nothing is sent once the socket dropped (v4 deleted its id)', async () => {
    const instance = axios.create({ adapter });
    const { echo, socket } = socketIoEcho({ axios: instance });
    socket.serverConnect('sio-42');
    socket.drop();
    await instance.get('/orders');
    echo.unregisterInterceptors();
    expect(sentHeader(captured[0])).toBeUndefined();
  });

  it('socket.io: unregisterInterceptors() then registerInterceptors() installs it again', async () => {
    const instance = axios.create({ adapter });
    const { echo, socket } = socketIoEcho({ axios: instance });
    socket.serverConnect('sio-42');
    echo.unregisterInterceptors();
    echo.registerInterceptors();
    await instance.get('/orders');
    echo.unregisterInterceptors();
    expect(sentHeader(captured[0])).toBe('sio-42');
  });

  it('socket.io: socketIdHeaders() gives the socket id', () => {
    const { echo, socket } = socketIoEcho({ withoutInterceptors: true });
    socket.serverConnect('sio-42');
    expect(echo.socketIdHeaders('/orders')).toEqual({ 'X-Socket-ID': 'sio-42' });
  });

  it('socket.io: fetch() sends the socket id', async () => {
    const fetch = vi.fn(async (_input: unknown, _init?: RequestInit) => new Response('{}'));
    vi.stubGlobal('fetch', fetch);
    const { echo, socket } = socketIoEcho({ withoutInterceptors: true });
    socket.serverConnect('sio-42');
    await echo.fetch('/orders');
    expect(new Headers(fetch.mock.calls[0]?.[1]?.headers).get('X-Socket-ID')).toBe('sio-42');
  });

  it("null: socketIdHeaders() gives 'fake-socket-id' for the page origin", () => {
    expect(new Echo<'null'>({ broadcaster: 'null', withoutInterceptors: true }).socketIdHeaders('/x')).toEqual({ 'X-Socket-ID': 'fake-socket-id' });
  });

  it('null: registerInterceptors() hooks the axios instance too', async () => {
    const instance = axios.create({ adapter });
    const echo = new Echo<'null'>({ broadcaster: 'null', axios: instance });
    await instance.get('/orders');
    echo.unregisterInterceptors();
    await instance.get('/orders');
    expect(captured.map(sentHeader)).toEqual(['fake-socket-id', undefined]);
  });
});

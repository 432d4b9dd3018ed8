// The connection URL of the built-in client, option by option, against the URL real pusher-js
// (its Node build) opens for the same options: pusher-js is handed the fake server's WebSocket
// class through its Runtime, so both URLs are read from the same kind of socket.
import Pusher from 'pusher-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pusherUrl, usesTls } from '../../src/transport/pusher/url';
import { fakePusherServer } from './fakes/fake-pusher-server';
import { nativeEcho } from './native-support';
import { expectEchoError, type ExtraOptions } from './support';

type Runtime = { getWebSocketAPI(): unknown };
const runtime = (Pusher as unknown as { Runtime: Runtime }).Runtime;

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** The first URL pusher-js opens for `options`. */
function pusherJsUrl(options: Record<string, unknown>): string {
  const server = fakePusherServer();
  vi.spyOn(runtime, 'getWebSocketAPI').mockReturnValue(server.WebSocket);
  const pusher = new Pusher('app-key', { cluster: '', disableStats: true, ...options } as never);
  const url = server.socket.url;
  pusher.disconnect();
  return url;
}

/** The first URL the built-in client opens for `options`. */
function nativeUrl(options: ExtraOptions): string {
  const { echo, server } = nativeEcho({ forceTLS: undefined, ...options });
  const url = server.socket.url;
  echo.disconnect();
  return url;
}

const cases: Array<[string, ExtraOptions]> = [
  ['a cluster (TLS by default)', { cluster: 'eu', wsHost: undefined }],
  ['a cluster without TLS', { cluster: 'ap2', wsHost: undefined, forceTLS: false }],
  ['wsHost, TLS by default on port 443', { wsHost: 'ws.shop.example' }],
  ['wsHost and wssPort', { wsHost: 'ws.shop.example', wssPort: 6002 }],
  ['wsHost and wsPort without TLS', { wsHost: '127.0.0.1', wsPort: 6001, forceTLS: false }],
  ['wsHost without TLS on port 80', { wsHost: 'ws.shop.example', forceTLS: false }],
  ['forceTLS true ignores wsPort', { wsHost: 'ws.shop.example', wsPort: 6001, wssPort: 6002, forceTLS: true }],
  ['wsPath before /app', { wsHost: 'ws.shop.example', wsPath: '/socket', forceTLS: false, wsPort: 6001 }],
  ['wsPath with TLS', { wsHost: 'ws.shop.example', wsPath: '/pusher-ws', wssPort: 8443 }],
  ['enabledTransports ws', { wsHost: '127.0.0.1', wsPort: 6001, forceTLS: false, enabledTransports: ['ws'] }],
  ['enabledTransports ws and wss', { wsHost: '127.0.0.1', wsPort: 6001, forceTLS: false, enabledTransports: ['ws', 'wss'] }],
  ['enabledTransports ws with TLS', { wsHost: 'ws.shop.example', enabledTransports: ['ws'] }],
  ['wsPort 0 falls back to 80, as in pusher-js', { wsHost: 'ws.shop.example', wsPort: 0, forceTLS: false }],
];

describe('the connection URL, compared with pusher-js', () => {
  for (const [title, options] of cases) {
    it(title, () => {
      const { cluster, wsHost, wsPort, wssPort, forceTLS, wsPath, enabledTransports } = options;
      const given = Object.fromEntries(Object.entries({ cluster, wsHost, wsPort, wssPort, forceTLS, wsPath, enabledTransports }).filter(([, v]) => v !== undefined));
      expect(nativeUrl(options)).toBe(pusherJsUrl(given));
    });
  }

  // Intended difference: pusher-js's 'ws' transport is its WebSocket (TLS or not by forceTLS) and
  // 'wss' only its non-TLS fallback, so ['wss'] alone leaves it nothing to connect with ('failed');
  // the built-in client connects, TLS decided by forceTLS and the page as always.
  it("enabledTransports ['wss'] alone: pusher-js never connects, the built-in client does", async () => {
    const server = fakePusherServer();
    vi.spyOn(runtime, 'getWebSocketAPI').mockReturnValue(server.WebSocket);
    vi.useFakeTimers();
    const pusher = new Pusher('app-key', { cluster: '', wsHost: 'h', enabledTransports: ['wss'], disableStats: true } as never);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(server.sockets).toHaveLength(0);
    expect(pusher.connection.state).toBe('failed');
    pusher.disconnect();
    vi.useRealTimers();
    expect(nativeUrl({ wsHost: 'h', enabledTransports: ['wss'] })).toBe('wss://h:443/app/app-key?protocol=7&client=js&version=8.6.0&flash=false');
  });

  it('carries protocol 7, client js, the pusher-js version it mimics and flash=false', () => {
    const url = new URL(nativeUrl({ wsHost: 'ws.test', forceTLS: false, wsPort: 6001 }));
    expect(url.pathname).toBe('/app/app-key');
    expect([...url.searchParams]).toEqual([
      ['protocol', '7'],
      ['client', 'js'],
      ['version', '8.6.0'],
      ['flash', 'false'],
    ]);
  });

  it('an https page forces TLS even with forceTLS false (pusher-js reads the page protocol)', () => {
    vi.stubGlobal('location', { protocol: 'https:' });
    expect(usesTls(false)).toBe(true);
    expect(nativeUrl({ wsHost: 'ws.test', forceTLS: false, wsPort: 6001, wssPort: 6002 })).toBe('wss://ws.test:6002/app/app-key?protocol=7&client=js&version=8.6.0&flash=false');
  });

  it('pusherUrl is the same function of its options for TLS and plain', () => {
    const options = { key: 'k', wsHost: 'h', wsPort: 1, wssPort: 2 };
    expect(pusherUrl(options, false)).toMatch(/^ws:\/\/h:1\/app\/k\?/);
    expect(pusherUrl(options, true)).toMatch(/^wss:\/\/h:2\/app\/k\?/);
  });
});

describe('options the built-in client refuses', () => {
  it('enabledTransports without ws or wss: E23 names the fix', () => {
    const error = expectEchoError(() => nativeEcho({ enabledTransports: ['xhr_streaming', 'sockjs'] }), 'xhr_streaming', 'WebSocket only', 'options.Pusher');
    expect(error.code).toBe('E23');
  });

  it('no key: E6', () => {
    expect(expectEchoError(() => nativeEcho({ key: '' }), 'options.key').code).toBe('E6');
  });

  it('neither cluster nor wsHost: E7', () => {
    expect(expectEchoError(() => nativeEcho({ wsHost: undefined }), 'options.wsHost', 'options.cluster').code).toBe('E7');
  });

  it('no WebSocket on the platform and none given: E21', () => {
    expect(expectEchoError(() => nativeEcho({ WebSocket: undefined }), 'options.WebSocket').code).toBe('E21');
  });
});

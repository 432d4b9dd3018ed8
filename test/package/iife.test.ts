// The <script> build in a bare vm context: the global Echo is the constructor and finds
// window.Pusher / window.io by itself.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { dist, ensureBuilt } from './helpers';

beforeAll(ensureBuilt);

function loadIife(extra: Record<string, unknown> = {}) {
  const context = vm.createContext({ ...extra });
  vm.runInContext(readFileSync(resolve(dist, 'echo.iife.min.js'), 'utf8'), context);
  return context as { Echo: new (options: Record<string, unknown>) => Record<string, (...args: unknown[]) => unknown> } & Record<string, unknown>;
}

describe('IIFE build', () => {
  it('defines a global Echo that is the constructor', () => {
    const context = loadIife();
    expect(typeof context.Echo).toBe('function');
    const echo = new context.Echo({ broadcaster: 'null' });
    expect(echo.connectionStatus!()).toBe('connected');
  });

  it('exposes the other exports on the constructor', () => {
    const { Echo } = loadIife() as unknown as { Echo: Record<string, unknown> };
    expect(typeof Echo['PusherConnector']).toBe('function');
    expect(typeof Echo['SocketIoConnector']).toBe('function');
    expect(typeof Echo['EchoError']).toBe('function');
  });

  it('uses the global Pusher constructor', () => {
    const created: unknown[] = [];
    class Pusher {
      connection = { state: 'connecting', bind() {}, unbind() {} };
      constructor(key: string, options: Record<string, unknown>) {
        created.push([key, options['wsHost'], typeof (options['channelAuthorization'] as { customHandler?: unknown }).customHandler]);
      }
      subscribe() {
        return { bind() {}, unbind() {}, subscribed: false, name: 'x' };
      }
      channel() {
        return undefined;
      }
    }
    const { Echo } = loadIife({ Pusher });
    new Echo({ broadcaster: 'pusher', key: 'app-key', wsHost: '127.0.0.1' });
    expect(created).toEqual([['app-key', '127.0.0.1', 'function']]);
  });

  it('uses the global io function', () => {
    const calls: unknown[] = [];
    const io = (host: string, options: Record<string, unknown>) => {
      calls.push([host, options['transports']]);
      return { connected: false, io: { on() {} }, on() {}, emit() {}, connect() {}, disconnect() {} };
    };
    const { Echo } = loadIife({ io });
    new Echo({ broadcaster: 'socket.io', host: 'http://127.0.0.1:6001', transports: ['websocket'] });
    expect(calls).toEqual([['http://127.0.0.1:6001', ['websocket']]]);
  });
});

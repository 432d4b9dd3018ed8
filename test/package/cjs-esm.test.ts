// The built CommonJS and ESM entries load in plain Node 20, and importing them touches no
// window/document (server-side rendering).
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runNode } from './helpers';

beforeAll(ensureBuilt);

describe('CommonJS build', () => {
  for (const entry of ['royalcms-echo', 'royalcms-echo/pusher', 'royalcms-echo/socket.io']) {
    it(`require('${entry}') returns the Echo constructor as .Echo and .default`, () => {
      const out = runNode([
        '-e',
        `const m = require(${JSON.stringify(entry)});
         const echo = new m.Echo({ broadcaster: m.NullConnector, withoutInterceptors: true });
         console.log(JSON.stringify({
           same: m.default === m.Echo,
           status: echo.connectionStatus(),
           channel: echo.private('order.1').name,
           error: typeof m.EchoError,
         }));`,
      ]);
      expect(JSON.parse(out)).toEqual({ same: true, status: 'connected', channel: 'private-order.1', error: 'function' });
    });
  }
});

describe('ESM build', () => {
  it('import of every entry works in Node', () => {
    const out = runNode([
      '--input-type=module',
      '-e',
      `import Echo from 'royalcms-echo';
       import P from 'royalcms-echo/pusher';
       import S from 'royalcms-echo/socket.io';
       import { NullConnector } from 'royalcms-echo/pusher';
       const names = [Echo, P, S].map((E) => new E({ broadcaster: NullConnector }).join('chat.1').name);
       console.log(names.join(','));`,
    ]);
    expect(out).toBe('presence-chat.1,presence-chat.1,presence-chat.1');
  });

  it('importing and constructing with the null broadcaster touches no window or document', () => {
    const out = runNode([
      '--input-type=module',
      '-e',
      `const touched = [];
       for (const name of ['window', 'document', 'navigator', 'location']) {
         Object.defineProperty(globalThis, name, { configurable: true, get() { touched.push(name); return undefined; } });
       }
       const { Echo } = await import('royalcms-echo');
       const echo = new Echo({ broadcaster: 'null', withoutInterceptors: true });
       echo.channel('orders').listen('OrderShipped', () => {});
       console.log(JSON.stringify(touched));`,
    ]);
    expect(JSON.parse(out)).toEqual([]);
  });
});

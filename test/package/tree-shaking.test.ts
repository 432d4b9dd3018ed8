// A bundler building an application from one driver's entry leaves the other driver (and the null driver) out.
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, root } from './helpers';

beforeAll(ensureBuilt);

// Strings that only the Socket.IO or only the Pusher driver contains.
const SOCKET_IO_MARKERS = ['presence:joining', 'presence:subscribed', 'socket.io-client was not found'];
const PUSHER_MARKERS = ['pusher:member_added', 'channelAuthorization', 'pusher-js was not found'];
// The null driver's socket id: only the main entry builds the null driver from its name.
const NULL_MARKER = 'fake-socket-id';

async function bundle(source: string): Promise<string> {
  const result = await build({
    stdin: { contents: source, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    external: ['pusher-js', 'socket.io-client'],
  });
  return result.outputFiles[0]!.text;
}

describe('tree-shaking', () => {
  it('a Pusher-only application carries no Socket.IO connector code', async () => {
    const code = await bundle(`import Echo from 'royalcms-echo/pusher';
      import Pusher from 'pusher-js';
      window.Echo = new Echo({ broadcaster: 'pusher', Pusher, key: 'k', cluster: 'mt1' });`);
    expect(SOCKET_IO_MARKERS.filter((marker) => code.includes(marker))).toEqual([]);
    expect(PUSHER_MARKERS.filter((marker) => !code.includes(marker))).toEqual([]);
    expect(code).not.toContain(NULL_MARKER);
  });

  it('a Socket.IO-only application carries no Pusher connector code', async () => {
    const code = await bundle(`import Echo from 'royalcms-echo/socket.io';
      import { io } from 'socket.io-client';
      window.Echo = new Echo({ broadcaster: 'socket.io', client: io, host: 'http://127.0.0.1:6001' });`);
    expect(PUSHER_MARKERS.filter((marker) => code.includes(marker))).toEqual([]);
    expect(SOCKET_IO_MARKERS.filter((marker) => !code.includes(marker))).toEqual([]);
    expect(code).not.toContain(NULL_MARKER);
  });

  it('the main entry carries both drivers', async () => {
    const code = await bundle(`import Echo from 'royalcms-echo'; window.Echo = Echo;`);
    expect([...PUSHER_MARKERS, ...SOCKET_IO_MARKERS, NULL_MARKER].filter((marker) => !code.includes(marker))).toEqual([]);
  });

  it('importing only EventFormatter pulls in neither connector', async () => {
    const code = await bundle(`import { EventFormatter } from 'royalcms-echo'; window.f = new EventFormatter('App.Events');`);
    expect([...PUSHER_MARKERS, ...SOCKET_IO_MARKERS].filter((marker) => code.includes(marker))).toEqual([]);
  });
});

// Reads a loopback redis's CLIENT LIST without a client library: used to tell when a soketi
// cluster node's redis adapter has really subscribed (soketi answers HTTP before that is done).
import net from 'node:net';

/** CLIENT LIST of the redis on 127.0.0.1:`port` as one object per connection, or null on failure. */
export function redisClients(port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let buffer = '';
    const done = (value) => { socket.destroy(); resolve(value); };
    socket.setTimeout(timeoutMs, () => done(null));
    socket.on('connect', () => socket.write('CLIENT LIST\r\n'));
    socket.on('error', () => done(null));
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      // A bulk reply: `$<length>\r\n<text>\r\n` (anything else, e.g. `-ERR`, is a failure).
      if (!buffer.startsWith('$')) return done(null);
      const header = buffer.indexOf('\r\n');
      if (header < 0) return;
      const length = Number(buffer.slice(1, header));
      const body = Buffer.from(buffer.slice(header + 2), 'utf8');
      if (body.length < length) return;
      const text = body.subarray(0, length).toString('utf8');
      done(text.split('\n').filter(Boolean).map((line) => Object.fromEntries(line.trim().split(' ').map((pair) => {
        const at = pair.indexOf('=');
        return [pair.slice(0, at), pair.slice(at + 1)];
      }))));
    });
  });
}

/** True once a connection named `name` holds pattern and channel subscriptions (a soketi adapter's subscriber). */
export async function namedSubscriberReady(port, name) {
  const clients = await redisClients(port);
  return Boolean(clients?.some((c) => c.name === name && Number(c.psub) > 0 && Number(c.sub) > 0));
}

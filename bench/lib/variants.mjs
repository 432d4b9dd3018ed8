// The things every metric compares, behind one small interface, for Node and (bundled by
// esbuild) for the browser:
//   project  royalcms-echo         (Echo from royalcms-echo/pusher on pusher-js, or /socket.io)
//   laravel  laravel-echo@2.5.0    (the same options: it is a drop-in replacement)
//   raw      pusher-js / socket.io-client used directly, the way an application would
//   native   royalcms-echo's built-in Pusher client (Echo from royalcms-echo/native, no pusher-js):
//            Pusher protocol only; the WebSocket class is the page's, or the `ws` package in Node
//
// variant.listen(name, event, callback, visibility) subscribes and binds one listener and returns
// { echo, transport } (the Echo channel, absent for raw, and the transport's channel object, absent
// for native, whose channel object is the subscription); variant.subscribed(name, visibility)
// resolves once the server confirmed the subscription; variant.leave(name) leaves the channel in
// every variant; variant.onSubscribed(name, callback, visibility) calls back on every confirmation
// (re-subscriptions included); variant.onStatus(callback) reports (current, previous) connection
// states; variant.allSubscribed() is true while every channel is confirmed. Event names are wire
// names (a leading dot for the Echo variants, so no namespace is applied).

/** The Socket.IO variants. */
export const VARIANTS = ['project', 'laravel', 'raw'];
/** The Pusher-protocol variants: the three above and the built-in client. */
export const PUSHER_VARIANTS = ['project', 'laravel', 'raw', 'native'];

const pusherFullName = (name, visibility) => (visibility === 'private' ? 'private-' + name : visibility === 'presence' ? 'presence-' + name : name);

/**
 * @param kind 'project' | 'laravel' | 'raw' | 'native'
 * @param lib { Pusher, Echo } (Echo absent for raw; for native { Echo, WebSocket }, WebSocket absent in a browser)
 * @param conn { key, wsHost, wsPort, authEndpoint, token }
 */
export function pusherVariant(kind, lib, conn) {
  if (kind === 'native') return nativeVariant(lib, conn);
  const { Pusher, Echo } = lib;
  const transportOptions = {
    cluster: '',
    wsHost: conn.wsHost,
    wsPort: conn.wsPort,
    wssPort: conn.wsPort,
    forceTLS: false,
    enabledTransports: ['ws'],
  };
  const headers = conn.token ? { Authorization: 'Bearer ' + conn.token } : {};
  if (kind === 'raw') {
    const pusher = new Pusher(conn.key, {
      ...transportOptions,
      channelAuthorization: { endpoint: conn.authEndpoint, transport: 'ajax', headers },
    });
    return {
      kind,
      pusher,
      connected: () => connectedPusher(pusher),
      listen(name, event, callback, visibility = 'public') {
        const transport = pusher.subscribe(pusherFullName(name, visibility));
        transport.bind(event, callback);
        return { transport };
      },
      subscribed: (name, visibility = 'public') => subscribedPusher(pusher.channel(pusherFullName(name, visibility))),
      leave(name, visibility = 'public') {
        pusher.unsubscribe(pusherFullName(name, visibility));
      },
      ...pusherJsCommon(pusher),
      disconnect: () => pusher.disconnect(),
    };
  }
  // The same options for both Echos (what a migration keeps): auth headers for /broadcasting/auth.
  const echo = new Echo({
    broadcaster: 'pusher',
    Pusher,
    key: conn.key,
    ...transportOptions,
    authEndpoint: conn.authEndpoint,
    auth: { headers },
    withoutInterceptors: true,
  });
  const pusher = echo.connector.pusher;
  const echoChannel = (name, visibility) => (visibility === 'private' ? echo.private(name) : visibility === 'presence' ? echo.join(name) : echo.channel(name));
  return {
    kind,
    echo,
    pusher,
    connected: () => connectedPusher(pusher),
    listen(name, event, callback, visibility = 'public') {
      const channel = echoChannel(name, visibility);
      channel.listen('.' + event, callback);
      return { echo: channel, transport: pusher.channel(pusherFullName(name, visibility)) };
    },
    subscribed: (name, visibility = 'public') =>
      new Promise((resolve, reject) => {
        const channel = echoChannel(name, visibility);
        channel.subscribed(resolve);
        channel.error((e) => reject(new Error(`subscription of ${name} failed: ${JSON.stringify(e)}`)));
      }),
    leave(name) {
      echo.leave(name);
    },
    ...pusherJsCommon(pusher),
    echoChannelCount: () => (echo.connector.channels instanceof Map ? echo.connector.channels.size : Object.keys(echo.connector.channels).length),
    disconnect: () => echo.disconnect(),
  };
}

/** What every pusher-js based variant answers from pusher-js itself. */
function pusherJsCommon(pusher) {
  return {
    channelCount: () => pusher.channels.all().length,
    allSubscribed: () => pusher.channels.all().every((c) => c.subscribed),
    onSubscribed(name, callback, visibility = 'public') {
      pusher.channel(pusherFullName(name, visibility)).bind('pusher:subscription_succeeded', callback);
    },
    onStatus(callback) {
      pusher.connection.bind('state_change', ({ previous, current }) => callback(current, previous));
    },
  };
}

/** The built-in client: Echo from royalcms-echo/native, the same options as the other Echos, no pusher-js. */
function nativeVariant({ Echo, WebSocket }, conn) {
  const echo = new Echo({
    broadcaster: 'pusher',
    key: conn.key,
    cluster: '',
    wsHost: conn.wsHost,
    wsPort: conn.wsPort,
    wssPort: conn.wsPort,
    forceTLS: false,
    enabledTransports: ['ws'],
    authEndpoint: conn.authEndpoint,
    auth: { headers: conn.token ? { Authorization: 'Bearer ' + conn.token } : {} },
    withoutInterceptors: true,
    ...(WebSocket ? { WebSocket } : {}),
  });
  const connector = echo.connector;
  const echoChannel = (name, visibility) => (visibility === 'private' ? echo.private(name) : visibility === 'presence' ? echo.join(name) : echo.channel(name));
  return {
    kind: 'native',
    echo,
    connected: () =>
      new Promise((resolve, reject) => {
        if (echo.connectionStatus() === 'connected') return resolve();
        const off = echo.onConnectionChange((status) => {
          if (status === 'connected') {
            off();
            resolve();
          } else if (status === 'failed') reject(new Error('built-in client: failed'));
        });
      }),
    listen(name, event, callback, visibility = 'public') {
      const channel = echoChannel(name, visibility);
      channel.listen('.' + event, callback);
      return { echo: channel };
    },
    subscribed: (name, visibility = 'public') =>
      new Promise((resolve, reject) => {
        const channel = echoChannel(name, visibility);
        channel.subscribed(resolve);
        channel.error((e) => reject(new Error(`subscription of ${name} failed: ${JSON.stringify(e)}`)));
      }),
    leave(name) {
      echo.leave(name);
    },
    channelCount: () => connector.channels.size,
    echoChannelCount: () => connector.channels.size,
    allSubscribed: () => [...connector.channels.values()].every((c) => c.isSubscribed),
    onSubscribed(name, callback, visibility = 'public') {
      echoChannel(name, visibility).on('pusher:subscription_succeeded', callback);
    },
    onStatus(callback) {
      echo.onConnectionChange(callback);
    },
    disconnect: () => echo.disconnect(),
  };
}

function connectedPusher(pusher) {
  return new Promise((resolve, reject) => {
    if (pusher.connection.state === 'connected') return resolve();
    const onChange = ({ current }) => {
      if (current === 'connected') {
        pusher.connection.unbind('state_change', onChange);
        resolve();
      } else if (current === 'failed' || current === 'unavailable') reject(new Error('pusher-js: ' + current));
    };
    pusher.connection.bind('state_change', onChange);
  });
}

function subscribedPusher(channel) {
  return new Promise((resolve, reject) => {
    if (channel.subscribed) return resolve();
    const ok = () => {
      channel.unbind('pusher:subscription_succeeded', ok);
      resolve();
    };
    channel.bind('pusher:subscription_succeeded', ok);
    channel.bind('pusher:subscription_error', (e) => reject(new Error('subscription failed: ' + JSON.stringify(e))));
  });
}

/**
 * Socket.IO (laravel-echo-server protocol).
 * @param lib { io, Echo }
 * @param conn { host }
 */
export function socketIoVariant(kind, lib, conn) {
  const { io, Echo } = lib;
  if (kind === 'raw') {
    const socket = io(conn.host, { transports: ['websocket'] });
    const handlers = new Map(); // name -> [event, handler]
    return {
      kind,
      socket,
      connected: () => connectedSocket(socket),
      listen(name, event, callback) {
        socket.emit('subscribe', { channel: name, auth: { headers: {} } });
        // The least an application must do with this protocol: check the channel argument.
        const handler = (channel, data) => {
          if (channel === name) callback(data);
        };
        socket.on(event, handler);
        handlers.set(name, [event, handler]);
        return {};
      },
      leave(name) {
        socket.emit('unsubscribe', { channel: name });
        const entry = handlers.get(name);
        if (entry) socket.off(entry[0], entry[1]);
        handlers.delete(name);
      },
      disconnect: () => socket.disconnect(),
    };
  }
  const echo = new Echo({ broadcaster: 'socket.io', client: io, host: conn.host, transports: ['websocket'], withoutInterceptors: true });
  const socket = echo.connector.socket;
  return {
    kind,
    echo,
    socket,
    connected: () => connectedSocket(socket),
    listen(name, event, callback) {
      const channel = echo.channel(name);
      channel.listen('.' + event, callback);
      return { echo: channel };
    },
    leave(name) {
      echo.leave(name);
    },
    echoChannelCount: () => (echo.connector.channels instanceof Map ? echo.connector.channels.size : Object.keys(echo.connector.channels).length),
    disconnect: () => echo.disconnect(),
  };
}

function connectedSocket(socket) {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', (e) => reject(new Error('socket.io: ' + e.message)));
  });
}

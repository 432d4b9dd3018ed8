// The test harness shared by every e2e page: cdn.html loads it with a plain <script> tag, esm.html
// and native.html before their bundles, so all page kinds behave the same. No import/export here: the
// file must run as a classic script too.
//
// installEchoHarness(libs) puts `window.H` on the page (libs: {kind, Echo, Pusher?, io?, options?}; `options`
// are added to every H.create(), for what page.evaluate() cannot carry, such as functions). Playwright drives it with page.evaluate():
//   H.create(options)                      new Echo(options) -> window.Echo (docs/royalcms-broadcasting.md §1)
//   H.subscribe(kind, name, what)          channel + recorders (events, whispers, notification, presence)
//   H.whisper / H.leave / H.leaveChannel / H.members / H.socketId / H.status
//   H.axiosPost(url, data) / H.fetchPost(url, data)    requests through window.axios / Echo.fetch()
// and reads H.records: every callback the SDK called, in order, as
//   {seq, type, channel, name, data}   type: event | whisper | notification | here | joining | leaving |
//                                            subscribed | error | probe | status
(function () {
  'use strict';

  /** Event every harness channel listens to; tests use it to probe readiness and as an ordering fence. */
  var PROBE_EVENT = 'e2e.probe';

  function clone(value) {
    if (value === undefined) return null;
    try {
      return JSON.parse(JSON.stringify(value));
    } catch (e) {
      return String(value);
    }
  }

  function installEchoHarness(libs) {
    var query = new URLSearchParams(location.search);
    var H = {
      kind: libs.kind,
      transport: query.get('transport') || 'pusher',
      /** Pusher protocol: 'pusher-js' or 'native' (the SDK's built-in client; E2E_PUSHER_CLIENT of the test run). */
      pusherClient: query.get('pusher') || 'pusher-js',
      libs: libs,
      echo: null,
      records: [],
      errors: [],
      channels: {},
      ready: true,
    };

    function record(type, channel, name, data) {
      H.records.push({ seq: H.records.length, type: type, channel: channel, name: name, data: clone(data) });
    }

    function channelOf(kind, name) {
      var echo = H.echo;
      if (!echo) throw new Error('H.create() first');
      switch (kind) {
        case 'public':
          return echo.channel(name);
        case 'private':
          return echo.private(name);
        case 'encrypted':
          return echo.encryptedPrivate(name);
        case 'presence':
          return echo.join(name);
        default:
          throw new Error('unknown channel kind ' + kind);
      }
    }

    /** new Echo(options) the way the page kind does it; the instance becomes window.Echo. */
    H.create = function (options) {
      var opts = Object.assign({}, options);
      // The switch must really select the built-in client: no pusher-js may be reachable by the SDK.
      if (H.pusherClient === 'native' && (opts.Pusher || opts.client || window.Pusher)) {
        throw new Error('pusher=native, but a pusher-js constructor or client reached the page');
      }
      // The ESM page hands the imported client libraries over; the CDN page leaves them to the
      // SDK's window.Pusher / window.io fallback, exactly as a <script>-tag user does.
      if (libs.Pusher && opts.broadcaster === 'pusher' && !opts.Pusher) opts.Pusher = libs.Pusher;
      if (libs.io && opts.broadcaster === 'socket.io' && !opts.client) opts.client = libs.io;
      // Options only the page can make (functions, such as the native page's `nacl`).
      if (libs.options) opts = Object.assign(opts, libs.options);
      var echo = new libs.Echo(opts);
      H.echo = echo;
      window.Echo = echo;
      record('status', null, echo.connectionStatus(), null);
      echo.onConnectionChange(function (status, previous) {
        record('status', null, status, previous);
      });
      return echo.connectionStatus();
    };

    /**
     * Subscribe and record. what: {events?: string[], whispers?: string[], notification?: bool,
     * presence?: bool}. Every channel also records subscribed(), error() and the probe event.
     */
    H.subscribe = function (kind, name, what) {
      what = what || {};
      var channel = channelOf(kind, name);
      var full = channel.name;
      H.channels[full] = { kind: kind, name: name };
      channel
        .subscribed(function () {
          record('subscribed', full, null, null);
        })
        .error(function (error) {
          record('error', full, null, error);
        })
        .listen('.' + PROBE_EVENT, function (data) {
          record('probe', full, PROBE_EVENT, data);
        });
      (what.events || []).forEach(function (event) {
        channel.listen(event, function (data) {
          record('event', full, event, data);
        });
      });
      (what.whispers || []).forEach(function (event) {
        channel.listenForWhisper(event, function (data) {
          record('whisper', full, event, data);
        });
      });
      if (what.notification) {
        channel.notification(function (notification) {
          record('notification', full, null, notification);
        });
      }
      if (what.presence) {
        channel
          .here(function (users) {
            record('here', full, null, users);
          })
          .joining(function (user) {
            record('joining', full, null, user);
          })
          .leaving(function (user) {
            record('leaving', full, null, user);
          });
      }
      return full;
    };

    /** Extra listen() on an existing channel (same recorder). */
    H.listen = function (kind, name, event) {
      var channel = channelOf(kind, name);
      channel.listen(event, function (data) {
        record('event', channel.name, event, data);
      });
      return channel.name;
    };

    H.whisper = function (kind, name, event, data) {
      channelOf(kind, name).whisper(event, data);
    };

    H.members = function (name) {
      return clone(H.echo.join(name).members());
    };

    H.leave = function (name) {
      H.echo.leave(name);
    };

    H.leaveChannel = function (fullName) {
      H.echo.leaveChannel(fullName);
    };

    H.socketId = function () {
      return H.echo.socketId() || null;
    };

    /** Which client library the page really got: pusher-js, or socket.io-client 2 (protocol 4) or 4 (has emitWithAck). */
    H.clientInfo = function () {
      var Pusher = libs.Pusher || window.Pusher;
      var io = libs.io || window.io;
      var ioMajor = null;
      if (io && io.protocol === 4) ioMajor = 2;
      else if (io && io.Socket && typeof io.Socket.prototype.emitWithAck === 'function') ioMajor = 4;
      return { pusher: typeof Pusher === 'function', io: ioMajor };
    };

    H.status = function () {
      return H.echo.connectionStatus();
    };

    function csrfToken() {
      var meta = document.querySelector('meta[name="csrf-token"]');
      return (window.Royalcms && window.Royalcms.csrfToken) || (meta && meta.getAttribute('content')) || '';
    }

    /** POST with the page's axios (window.axios, whose interceptor Echo installed). */
    H.axiosPost = function (url, data) {
      return window.axios.post(url, data || {}).then(
        function (response) {
          return { status: response.status, data: response.data };
        },
        function (error) {
          return { status: error.response ? error.response.status : null, data: error.response ? error.response.data : String(error) };
        },
      );
    };

    /** POST with Echo.fetch() (adds X-Socket-ID) and the page's CSRF token, as an app's own fetch helper would. */
    H.fetchPost = function (url, data) {
      return H.echo
        .fetch(url, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-TOKEN': csrfToken() },
          body: JSON.stringify(data || {}),
        })
        .then(function (response) {
          return response.json().then(function (body) {
            return { status: response.status, data: body };
          });
        });
    };

    window.addEventListener('error', function (event) {
      H.errors.push(String(event.message));
    });
    window.addEventListener('unhandledrejection', function (event) {
      H.errors.push('unhandled rejection: ' + String(event.reason && event.reason.message ? event.reason.message : event.reason));
    });

    window.H = H;
    return H;
  }

  window.installEchoHarness = installEchoHarness;
})();

// The playground's resources/js/bootstrap.js: axios for the app's own requests, then one Echo
// instance as window.Echo, exactly as a Royalcms application sets it up. window.Royalcms comes
// from the layout (server/page.mjs): the CSRF token, the signed-in user and the broadcasting config.
// The Pusher options are Laravel Echo's; no `Pusher` is passed: on a page without pusher-js (the
// default) Echo speaks the protocol with its built-in client, and with ?client=pusher-js it finds
// window.Pusher and uses pusher-js, with the same options.
(function () {
  'use strict';

  window.axios.defaults.headers.common['X-Requested-With'] = 'XMLHttpRequest';
  // axios sends the XSRF-TOKEN cookie back as X-XSRF-TOKEN on same-origin requests (CSRF for the web routes).

  var EchoClass = window.Echo; // the <script> build's global is the constructor
  var config = window.Royalcms.broadcasting;
  var host = window.location.hostname; // the socket must reach the same host as the page, or the login cookie would not travel

  var options =
    config.broadcaster === 'pusher'
      ? {
          broadcaster: 'pusher',
          key: config.key,
          cluster: 'mt1',
          wsHost: host,
          wsPort: config.port,
          wssPort: config.port,
          forceTLS: false,
          enabledTransports: ['ws', 'wss'],
          disableStats: true,
        }
      : {
          broadcaster: 'socket.io',
          host: window.location.protocol + '//' + host + ':' + config.port,
          transports: ['websocket'],
        };
  options.namespace = 'App.Events'; // the default, spelled out: listen('ShippingStatusUpdated') means App\Events\ShippingStatusUpdated

  window.EchoClass = EchoClass;
  window.Echo = new EchoClass(options);
})();

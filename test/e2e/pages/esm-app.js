// The application bundle of esm.html: what a Royalcms app's resources/assets/js/bootstrap.js does
// with a bundler. `import Echo from 'royalcms-echo'` resolves through the package's own exports
// (the root package references itself), so this exercises dist/index.js as npm users get it.
//   ?transport=pusher[&encrypted=1] | sio2 | sio4  picks the client library handed to Echo;
//   &pusher=native hands no pusher-js over (the SDK's built-in client).
// The harness (window.installEchoHarness) is the same harness.js file cdn.html uses; esm.html loads it
// first with a classic script (it is not imported: the root package.json says sideEffects: false,
// so a bundler would drop a bare import of it).
import Echo from 'royalcms-echo';
import Pusher from 'pusher-js';
import PusherWithEncryption from 'pusher-js/with-encryption';
import { io } from 'socket.io-client';
import ioV2 from 'socket.io-client-v2';
import axios from 'axios';

const query = new URLSearchParams(location.search);
const transport = query.get('transport') || 'pusher';
// pusher-js's browser build sets window.Pusher as soon as it is loaded (it is bundled into this
// page either way); an application without pusher-js has no such global.
if (query.get('pusher') === 'native') delete window.Pusher;

window.axios = axios;
window.axios.defaults.headers.common['X-Requested-With'] = 'XMLHttpRequest';

window.installEchoHarness({
  kind: 'esm',
  Echo,
  Pusher: transport === 'pusher' && query.get('pusher') !== 'native' ? (query.get('encrypted') ? PusherWithEncryption : Pusher) : undefined,
  io: transport === 'sio2' ? ioV2 : transport === 'sio4' ? io : undefined,
});

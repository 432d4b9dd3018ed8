// The application bundle of native.html: an app on the built-in Pusher client, as the README shows
// it. `royalcms-echo/native` and `royalcms-echo/encrypted` resolve through the package's exports to
// dist/native.js and dist/encrypted.js (with @noble/ciphers); no pusher-js enters the bundle
// (support/global-setup.ts checks the bundle's inputs).
//   ?nacl=0  leaves the `nacl` option out (encryptedPrivate() must then throw E22)
import Echo from 'royalcms-echo/native';
import { nacl } from 'royalcms-echo/encrypted';

const query = new URLSearchParams(location.search);

window.installEchoHarness({
  kind: 'native',
  Echo,
  options: query.get('nacl') === '0' ? {} : { nacl },
});

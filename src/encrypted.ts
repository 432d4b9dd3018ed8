// royalcms-echo/encrypted: the secretbox (XSalsa20-Poly1305) that opens `private-encrypted-`
// channel events on the built-in client, from @noble/ciphers. Only a bundle that imports this
// entry carries the cipher.

import { xsalsa20poly1305 } from '@noble/ciphers/salsa.js';
import type { NaclLike } from './channel/native-encrypted-private-channel';

/**
 * Pass as `nacl` to open encrypted channels with the built-in client.
 *
 * @example
 * import Echo from 'royalcms-echo/native';
 * import { nacl } from 'royalcms-echo/encrypted';
 *
 * const echo = new Echo({ broadcaster: 'reverb', key: 'app-key', wsHost: 'ws.example.com', nacl });
 * echo.encryptedPrivate('vault.1').listen('SecretUpdated', (e) => console.log(e));
 */
export const nacl: NaclLike = {
  secretbox: {
    open(box, nonce, key) {
      try {
        return xsalsa20poly1305(key, nonce).decrypt(box);
      } catch {
        return null; // wrong key or tampered payload
      }
    },
  },
};

export type { NaclLike };

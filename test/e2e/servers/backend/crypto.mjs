// Pusher signatures and encrypted-channel helpers (pusher-http-php Pusher.php / PusherCrypto.php semantics).
import crypto from 'node:crypto';
import nacl from 'tweetnacl';
import { APP, ENCRYPTION_MASTER_KEY_BASE64 } from '../config.mjs';

const MASTER_KEY = Buffer.from(ENCRYPTION_MASTER_KEY_BASE64, 'base64');

export const hmacHex = (secret, text) => crypto.createHmac('sha256', secret).update(text, 'utf8').digest('hex');
export const md5Hex = (text) => crypto.createHash('md5').update(text, 'utf8').digest('hex');

// "app-key:<hex hmac-sha256(secret, text)>"
export const sign = (text) => `${APP.key}:${hmacHex(APP.secret, text)}`;

// SHA-256(channel_name . master_key_bytes), base64 — the key for nacl secretbox on that channel.
export function sharedSecret(channelName) {
  return crypto.createHash('sha256').update(Buffer.concat([Buffer.from(channelName, 'utf8'), MASTER_KEY])).digest();
}

// Event data for a private-encrypted- channel: JSON string {nonce, ciphertext} (both base64).
export function encryptPayload(channelName, dataString) {
  const nonce = nacl.randomBytes(nacl.secretbox.nonceLength);
  const box = nacl.secretbox(new Uint8Array(Buffer.from(dataString, 'utf8')), nonce, new Uint8Array(sharedSecret(channelName)));
  return JSON.stringify({ nonce: Buffer.from(nonce).toString('base64'), ciphertext: Buffer.from(box).toString('base64') });
}

export function decryptPayload(channelName, payloadString) {
  const { nonce, ciphertext } = JSON.parse(payloadString);
  const out = nacl.secretbox.open(new Uint8Array(Buffer.from(ciphertext, 'base64')), new Uint8Array(Buffer.from(nonce, 'base64')), new Uint8Array(sharedSecret(channelName)));
  return out ? Buffer.from(out).toString('utf8') : null;
}

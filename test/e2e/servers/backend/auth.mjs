// POST|GET /broadcasting/auth and /broadcasting/user-auth, answering as Royalcms (= Laravel) does.
//  - request with socket_id   -> PusherBroadcaster:  {auth}, presence {auth, channel_data:"<json string>"},
//                                private-encrypted- adds shared_secret; `callback` -> JSONP
//  - request without socket_id (laravel-echo-server / sio4 server) -> RedisBroadcaster:
//                                private `true`, presence {"channel_data":{"user_id":1,"user_info":{...}}}
//  - 403 {"message":""} when not logged in or the channel rule refuses; 500 for a malformed socket_id.
import { sign, sharedSecret } from './crypto.mjs';
import { stripPrefix, authorizeChannel, faultFor, userInfo } from './channels.mjs';
import { sendJson, sendText } from './http-util.mjs';
import { hang } from './hang.mjs';

import { settings } from './settings.mjs';

// Laravel 9 + pusher-php-server 7 coerce the presence user_id to a string (settings.presenceIdType).
const presenceId = (id) => (settings.presenceIdType === 'number' ? id : String(id));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const forbidden = (res) => sendJson(res, 403, { message: '' });

function respondPusher(res, body, callback) {
  if (callback) {
    if (!/^[\w.$[\]]+$/.test(callback)) return sendJson(res, 400, { message: 'Invalid callback' });
    return sendText(res, 200, `/**/${callback}(${JSON.stringify(body)});`, 'text/javascript; charset=UTF-8');
  }
  return sendJson(res, 200, body);
}

function pusherResponse(channel, socketId, result, user, { badSig = false, noSecret = false } = {}) {
  if (channel.startsWith('private')) {
    const body = { auth: sign(`${socketId}:${channel}`) };
    if (channel.startsWith('private-encrypted-') && !noSecret) body.shared_secret = sharedSecret(channel).toString('base64');
    if (badSig) body.auth = sign(`${socketId}:${channel}:tampered`);
    return body;
  }
  const channelData = JSON.stringify({ user_id: presenceId(user.id), user_info: result });
  return { auth: sign(`${socketId}:${channel}:${badSig ? 'x' : ''}${channelData}`), channel_data: channelData };
}

export async function broadcastingAuth({ res, params, who }) {
  const channel = typeof params.channel_name === 'string' ? params.channel_name : '';
  const socketId = typeof params.socket_id === 'string' ? params.socket_id : '';
  if (!channel) return forbidden(res);
  const { name } = stripPrefix(channel);

  const fault = faultFor(channel, name);
  if (fault?.status) return sendJson(res, fault.status, { message: `Forced fault ${fault.status}` });
  if (fault?.kind === 'badjson') return sendText(res, 200, '<!doctype html><p>not json</p>', 'text/html; charset=UTF-8');
  if (fault?.kind === 'login') { // the `auth` middleware of a web route: redirect guests to the login page
    res.writeHead(302, { Location: '/login', 'Cache-Control': 'no-store' });
    return res.end();
  }
  if (fault?.delay) await sleep(fault.delay);
  if (fault?.hang) await hang(fault.hang);

  const user = who.user;
  if (!user) return forbidden(res);
  const result = fault ? userInfo(user) : authorizeChannel(user, name);
  if (!result) return forbidden(res);

  if (!socketId) {
    // RedisBroadcaster::validAuthenticationResponse
    if (channel.startsWith('presence-')) return sendJson(res, 200, { channel_data: { user_id: user.id, user_info: result } });
    return sendText(res, 200, JSON.stringify(result), 'text/html; charset=UTF-8');
  }
  if (!/^\d+\.\d+$/.test(socketId)) return sendJson(res, 500, { message: `Invalid socket ID ${socketId}` });
  const body = pusherResponse(channel, socketId, result, user, { badSig: fault?.kind === 'badsig', noSecret: fault?.kind === 'nosecret' });
  return respondPusher(res, body, params.callback);
}

// Pusher user sign-in (Laravel >= 9.18 Broadcast::userRoutes()): {auth: key:HMAC("socket_id::user::user_data"), user_data}
export async function broadcastingUserAuth({ res, params, who }) {
  const socketId = typeof params.socket_id === 'string' ? params.socket_id : '';
  if (!who.user) return forbidden(res);
  if (!/^\d+\.\d+$/.test(socketId)) return sendJson(res, 500, { message: `Invalid socket ID ${socketId}` });
  const userData = JSON.stringify({ id: String(who.user.id), name: who.user.name });
  return respondPusher(res, { auth: sign(`${socketId}::user::${userData}`), user_data: userData }, params.callback);
}

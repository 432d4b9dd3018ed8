// Channel authorization rules, like a Royalcms app's routes/channels.php (Broadcast::channel(...)).
// A rule returns false (refuse -> 403), true, or an array/object (presence user_info).
import { USERS, ORDER_OWNERS } from '../config.mjs';

const info = (user) => ({ id: user.id, name: user.name });

const RULES = [
  ['order.{id}', (user, id) => ORDER_OWNERS[id] === user.id],
  ['App.User.{id}', (user, id) => String(user.id) === id],
  ['App.Models.User.{id}', (user, id) => String(user.id) === id],
  ['user.{id}', (user, id) => String(user.id) === id],
  ['chat.{room}', (user) => info(user)],
];

const compiled = RULES.map(([pattern, cb]) => ({
  // `{param}` matches [^.]+ as in Laravel's Broadcaster::extractChannelKeys
  regex: new RegExp('^' + pattern.replace(/\./g, '\\.').replace(/\{[^}]+\}/g, '([^.]+)') + '$'),
  cb,
}));

// Laravel strips the first matching prefix, in this order.
export function stripPrefix(channelName) {
  for (const prefix of ['private-encrypted-', 'private-', 'presence-']) {
    if (channelName.startsWith(prefix)) return { prefix, name: channelName.slice(prefix.length) };
  }
  return { prefix: '', name: channelName };
}

export function authorizeChannel(user, name) {
  for (const { regex, cb } of compiled) {
    const m = name.match(regex);
    if (m) return cb(user, ...m.slice(1)) || false;
  }
  return false;
}

// Test hooks, matched on the name without prefix, checked before login:
//   fault.<status>   -> answer that HTTP status (e.g. private-fault.500, presence-fault.419)
//   fault.badjson    -> 200 with a body that is not JSON
//   fault.badsig     -> 200 with a wrong signature (Pusher style; the server rejects the subscribe)
//   fault.nosecret   -> (private-encrypted-) 200 without shared_secret
//   fault.login      -> 302 to /login, the HTML login page (an expired session in a real app)
//   slow.<ms>        -> wait <ms> (max 30000) then authorize any logged-in user (user_info {id,name})
//   flaky.<n>        -> the first <n> requests for this exact channel name get 503, then as slow.0
//   hang             -> no answer until POST /control/release (backend/hang.mjs), then as slow.0
const flakyCounts = new Map();
export function resetFaults() { flakyCounts.clear(); }

// Each may end with `.<tag>` (e.g. fault.500.run7, flaky.2.k3x) so a test gets a channel of its own.
export function faultFor(channelName, name) {
  let m = name.match(/^fault\.(\d{3})(\.[^.]+)?$/);
  if (m) return { status: Number(m[1]) };
  m = name.match(/^fault\.(badjson|badsig|nosecret|login)(\.[^.]+)?$/);
  if (m) return { kind: m[1] };
  m = name.match(/^slow\.(\d+)(\.[^.]+)?$/);
  if (m) return { delay: Math.min(Number(m[1]), 30000), allow: true };
  if (/^hang(\.[^.]+)?$/.test(name)) return { hang: name, allow: true };
  m = name.match(/^flaky\.(\d+)(\.[^.]+)?$/);
  if (m) {
    const seen = (flakyCounts.get(channelName) || 0) + 1;
    flakyCounts.set(channelName, seen);
    return seen <= Number(m[1]) ? { status: 503 } : { delay: 0, allow: true };
  }
  return null;
}

export const userInfo = info;
export { USERS };

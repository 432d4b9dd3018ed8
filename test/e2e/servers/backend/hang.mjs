// The `hang.<tag>` fault: /broadcasting/auth requests for such a channel (any prefix) are held
// without an answer, as by a stuck PHP worker or a proxy that accepted the request, until
// POST /control/release lets them through. Node's server puts no timeout on a response once the
// request has arrived, so a held request waits until its client gives up (sio4: 5 s) or release.
//   POST /control/release {channel?}  -> {ok, released: <requests answered>}; that hang (name with or
//                                       without prefix; every hang when none) answers from then on
//   POST /control/reset                  releases every hang too, and hangs them all again
import { stripPrefix } from './channels.mjs';

const held = new Map(); // hang name (prefix stripped) -> Set of resolve functions
const released = new Set();

/** Resolves when `name` is released (at once if it already was). */
export function hang(name) {
  if (released.has(name)) return Promise.resolve();
  return new Promise((resolve) => {
    if (!held.has(name)) held.set(name, new Set());
    held.get(name).add(resolve);
  });
}

/** Lets the held requests of `channel` (or of every hang) through; returns how many there were. */
export function release(channel) {
  const names = channel ? [stripPrefix(String(channel)).name] : [...held.keys()];
  let count = 0;
  for (const name of names) {
    released.add(name);
    for (const resolve of held.get(name) ?? []) {
      resolve();
      count++;
    }
    held.delete(name);
  }
  return count;
}

export function resetHangs() {
  release();
  released.clear();
}

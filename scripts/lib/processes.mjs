// Process and port helpers shared by the test servers' orchestration (scripts/servers.mjs) and
// the playground's launcher: identify a process by PID and start time (so a recycled PID is never
// signalled), probe a loopback port, poll until a check passes.
import fs from 'node:fs';
import net from 'node:net';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** /proc/<pid>/stat → {state, starttime}, or null when the process is gone. */
export function procStat(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0], starttime: fields[19] };
  } catch {
    return null;
  }
}

/** True while the recorded process (same PID and start time) runs and is not a zombie. */
export function isAlive(entry) {
  const stat = entry && procStat(entry.pid);
  return Boolean(stat && stat.state !== 'Z' && stat.starttime === entry.starttime);
}

/** True when something accepts connections on `host:port`. */
export function portInUse(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(500, () => { socket.destroy(); resolve(false); });
    socket.on('connect', () => { socket.destroy(); resolve(true); });
    socket.on('error', () => resolve(false));
  });
}

/** Polls `check` every 100 ms until it is true (→ true), the time is up or `stopEarly()` (→ false). */
export async function waitFor(check, timeoutMs, stopEarly = () => false) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopEarly()) return false;
    try { if (await check()) return true; } catch { /* not yet */ }
    await sleep(100);
  }
  return false;
}

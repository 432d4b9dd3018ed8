// Test control of the other servers (so browser tests can kill/restart one mid-test):
//   POST /control/kill?server=<name>[&signal=SIGKILL]   -> waits until the process is gone
//   POST /control/start?server=<name>                   -> waits until it answers again
//   POST /control/restart?server=<name>[&signal=SIGKILL]
//   POST /control/pause?server=<name>  /  POST /control/resume?server=<name>   (SIGSTOP / SIGCONT, no waiting)
//   GET  /control/status
//   POST /control/reset                                  -> clears the request log, flaky.* counters, hangs and settings
//   POST /control/config {csrfOnBroadcastAuth?: bool, presenceIdType?: 'string'|'number'} -> current settings
//   POST /control/release {channel?}                     -> answers the held requests of a hang.<tag> channel (hang.mjs)
// Names: redis, soketi, laravel-echo-server, sio4-1, sio4-2, soketi-1, soketi-2 (the backend cannot control itself).
import { sendJson } from './http-util.mjs';
import { resetFaults } from './channels.mjs';
import { settings, resetSettings, updateSettings } from './settings.mjs';
import { release, resetHangs } from './hang.mjs';

const servers = () => import('../../../../scripts/servers.mjs');
const SIGNALS = new Set(['SIGKILL', 'SIGTERM', 'SIGINT']);

export async function handleControl({ req, res, url, params, requestLog }) {
  const action = url.pathname.slice('/control/'.length);
  const api = await servers();
  if (action === 'status' && req.method === 'GET') return sendJson(res, 200, { servers: api.serverStatus(), settings });
  if (req.method !== 'POST') return sendJson(res, 405, { message: 'Use POST' });
  if (action === 'reset') {
    requestLog.length = 0;
    resetFaults();
    resetSettings();
    resetHangs();
    return sendJson(res, 200, { ok: true });
  }
  if (action === 'release') return sendJson(res, 200, { ok: true, released: release(params.channel || url.searchParams.get('channel')) });
  if (action === 'config') return sendJson(res, 200, { ok: true, settings: updateSettings(params) });
  const name = params.server || url.searchParams.get('server');
  const signal = (params.signal || url.searchParams.get('signal') || 'SIGKILL').toUpperCase();
  if (!api.SERVER_NAMES.includes(name) || name === 'backend') {
    return sendJson(res, 400, { message: `server must be one of ${api.SERVER_NAMES.filter((n) => n !== 'backend').join(', ')}` });
  }
  if (!SIGNALS.has(signal)) return sendJson(res, 400, { message: `signal must be one of ${[...SIGNALS].join(', ')}` });
  try {
    if (action === 'kill') return sendJson(res, 200, { ok: true, ...(await api.killServer(name, { signal })) });
    if (action === 'start') return sendJson(res, 200, { ok: true, ...(await api.startServer(name)) });
    if (action === 'pause') return sendJson(res, 200, { ok: true, ...api.signalServer(name, 'SIGSTOP') });
    if (action === 'resume') return sendJson(res, 200, { ok: true, ...api.signalServer(name, 'SIGCONT') });
    if (action === 'restart') return sendJson(res, 200, { ok: true, ...(await api.restartServer(name, { signal })) });
  } catch (e) {
    return sendJson(res, 500, { ok: false, message: e.message });
  }
  return sendJson(res, 404, { message: `unknown control action ${action}` });
}

// Starts the playground's processes, waits until each answers, and stops exactly those PIDs.
// Every child runs in its own process group (so a terminal's Ctrl-C reaches only the launcher,
// which then stops the children in order). PIDs are kept in .tmp/playground/state.json with each
// process's start time, so a launcher that was killed outright leaves nothing the next start
// cannot find and stop, and a recycled PID is never signalled.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { isAlive, portInUse, procStat, sleep, waitFor } from '../../scripts/lib/processes.mjs';

export { isAlive, portInUse, procStat, sleep, waitFor };

export class Supervisor {
  /** @param {{stateDir: string, log?: (line: string) => void}} options */
  constructor({ stateDir, log = () => {} }) {
    this.stateDir = stateDir;
    this.stateFile = path.join(stateDir, 'state.json');
    this.log = log;
    /** name → {service, child, entry, exited: Promise} in start order */
    this.running = new Map();
    this.stopping = false;
    this.onUnexpectedExit = () => {};
  }

  logFile(name) {
    return path.join(this.stateDir, `${name}.log`);
  }

  logTail(name, lines = 30) {
    try {
      return fs.readFileSync(this.logFile(name), 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }

  readState() {
    try { return JSON.parse(fs.readFileSync(this.stateFile, 'utf8')); } catch { return { services: {} }; }
  }

  writeState(mutate) {
    fs.mkdirSync(this.stateDir, { recursive: true });
    const state = this.readState();
    state.services ??= {};
    mutate(state);
    fs.writeFileSync(this.stateFile + '.tmp', JSON.stringify(state, null, 2));
    fs.renameSync(this.stateFile + '.tmp', this.stateFile);
  }

  /** Records this launcher; refuses (with an error whose `owned` is false) when another live launcher owns the state file. */
  claim() {
    const state = this.readState();
    if (isAlive(state.launcher) && state.launcher.pid !== process.pid) {
      throw Object.assign(new Error(
        `A playground is already running (launcher pid ${state.launcher.pid}, ${state.launcher.url ?? 'starting'}).\n` +
          `Stop it with Ctrl-C in its terminal (or: kill ${state.launcher.pid}) and run npm start again.`,
      ), { owned: false });
    }
    this.writeState((s) => { s.launcher = { pid: process.pid, starttime: procStat(process.pid)?.starttime }; });
  }

  /** Stops processes left behind by a launcher that was killed without cleaning up. */
  async reapLeftovers() {
    const { services = {} } = this.readState();
    for (const [name, entry] of Object.entries(services)) {
      if (!isAlive(entry)) continue;
      this.log(`stopping ${name} (pid ${entry.pid}) left over from an earlier run`);
      await this.terminate(entry, null);
    }
    this.writeState((s) => { s.services = {}; });
  }

  setUrl(url) {
    this.writeState((s) => { if (s.launcher) s.launcher.url = url; });
  }

  /** Spawns one service and waits until its `ready()` check passes; throws with the log tail otherwise. */
  async start(service, { timeoutMs = 30000 } = {}) {
    const { name } = service;
    for (const port of service.ports ?? []) {
      if (await portInUse(port)) {
        throw new Error(`${name}: port ${port} is already in use by another program. Free it, or stop the program that holds it (ss -ltnp | grep :${port}).`);
      }
    }
    fs.mkdirSync(this.stateDir, { recursive: true });
    service.before?.();
    const t0 = Date.now();
    const fd = fs.openSync(this.logFile(name), 'w');
    fs.writeSync(fd, `==== ${new Date().toISOString()} ${service.cmd} ${service.args.join(' ')}\n`);
    const child = spawn(service.cmd, service.args, {
      cwd: service.cwd,
      env: { ...process.env, ...service.env },
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    fs.closeSync(fd);
    let exitInfo = null;
    const exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => { exitInfo = { code, signal }; resolve(exitInfo); });
      child.on('error', (error) => { exitInfo = { error: error.message }; resolve(exitInfo); });
    });
    await sleep(20);
    if (exitInfo?.error) throw new Error(`${name}: cannot run ${service.cmd}: ${exitInfo.error}`);
    const entry = { pid: child.pid, starttime: procStat(child.pid)?.starttime, ports: service.ports ?? [] };
    const record = { service, child, entry, exited };
    this.running.set(name, record);
    this.writeState((s) => { s.services[name] = entry; });
    exited.then((info) => {
      if (!this.stopping && this.running.get(name) === record) this.onUnexpectedExit(name, info);
    });

    const ok = await waitFor(service.ready, timeoutMs, () => exitInfo !== null);
    if (!ok) {
      const why = exitInfo ? `exited (${JSON.stringify(exitInfo)})` : `did not answer within ${timeoutMs / 1000} s`;
      throw new Error(`${name} ${why}. Last lines of ${this.logFile(name)}:\n${this.logTail(name)}`);
    }
    return { name, pid: child.pid, ms: Date.now() - t0 };
  }

  /** SIGTERM to the process group, SIGKILL after `graceMs`; resolves once the process is gone and its ports are closed. */
  async terminate(entry, exited, graceMs = 5000) {
    const signal = (sig) => {
      try { process.kill(-entry.pid, sig); } catch {
        try { process.kill(entry.pid, sig); } catch { /* gone */ }
      }
    };
    if (!isAlive(entry)) return;
    signal('SIGTERM');
    const gone = () => !isAlive(entry);
    const done = exited ? Promise.race([exited, sleep(graceMs)]) : waitFor(gone, graceMs);
    await done;
    if (!(await waitFor(gone, 200))) {
      signal('SIGKILL');
      if (!(await waitFor(gone, 5000))) throw new Error(`pid ${entry.pid} did not exit`);
    }
    // a process that just exited may hold its listening sockets for a moment
    await waitFor(async () => !(await Promise.all((entry.ports ?? []).map((p) => portInUse(p)))).some(Boolean), 3000);
  }

  /** Stops everything this supervisor started, newest first; returns [{name, pid, ms}]. */
  async stopAll() {
    this.stopping = true;
    const results = [];
    for (const [name, record] of [...this.running].reverse()) {
      const t0 = Date.now();
      try {
        await this.terminate(record.entry, record.exited);
      } catch (error) {
        this.log(`${name}: ${error.message}`);
      }
      record.service.after?.();
      this.running.delete(name);
      this.writeState((s) => { delete s.services[name]; });
      results.push({ name, pid: record.entry.pid, ms: Date.now() - t0 });
    }
    return results;
  }

  /** Removes the state file after stopAll(), unless another launcher owns it. */
  release() {
    const state = this.readState();
    if (state.launcher && state.launcher.pid !== process.pid) return;
    if (Object.values(state.services ?? {}).some(isAlive)) return;
    try { fs.rmSync(this.stateFile, { force: true }); } catch { /* ignore */ }
  }
}

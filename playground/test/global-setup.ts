// Starts the playground exactly as the README says (`npm start`, driver from PLAYGROUND_DRIVER),
// waits for the line with its URL and hands the URL to the tests (PLAYGROUND_URL). The returned
// teardown sends SIGTERM to npm's process group, as a terminal's Ctrl-C would reach it, waits
// for npm to exit, and then fails the run if anything the playground started is still there.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const STATE_FILE = path.join(ROOT, '.tmp/playground/state.json');
const OUTPUT_FILE = path.join(ROOT, '.tmp/playground/npm-start.out');
const START_TIMEOUT_MS = 300_000; // a fresh machine runs npm ci twice and builds the SDK first
const URL_LINE = /^Royalcms Echo playground: (http:\/\/\S+)$/m;

interface StateEntry { pid: number; ports?: number[] }
interface State { launcher?: StateEntry; services?: Record<string, StateEntry> }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function readState(): State | null {
  try {
    return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')) as State;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] !== 'Z';
  } catch {
    return false;
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(500, () => { socket.destroy(); resolve(false); });
    socket.on('connect', () => { socket.destroy(); resolve(true); });
    socket.on('error', () => resolve(false));
  });
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  fs.mkdirSync(path.dirname(OUTPUT_FILE), { recursive: true });
  const out = fs.createWriteStream(OUTPUT_FILE);
  const t0 = Date.now();
  const child = spawn('npm', ['start'], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  let output = '';
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk: Buffer) => { output += chunk.toString(); out.write(chunk); });
  }

  const url = await Promise.race([
    (async () => {
      while (!URL_LINE.test(output)) await sleep(50);
      return output.match(URL_LINE)![1]!;
    })(),
    exited.then((code) => { throw new Error(`npm start exited (${code}) before printing its URL:\n${output}`); }),
    sleep(START_TIMEOUT_MS).then(() => { throw new Error(`npm start printed no URL within ${START_TIMEOUT_MS / 1000} s:\n${output}`); }),
  ]).catch(async (error: Error) => {
    try { process.kill(-child.pid!, 'SIGTERM'); } catch { /* gone */ }
    await Promise.race([exited, sleep(15_000)]);
    throw error;
  });
  process.env.PLAYGROUND_URL = url;
  process.env.PLAYGROUND_STARTUP_MS = String(Date.now() - t0);
  console.log(`\nnpm start: playground at ${url} after ${((Date.now() - t0) / 1000).toFixed(1)} s (output in ${path.relative(ROOT, OUTPUT_FILE)})`);

  return async () => {
    const started = readState();
    const t1 = Date.now();
    try { process.kill(-child.pid!, 'SIGTERM'); } catch { /* gone */ }
    const code = await Promise.race([exited, sleep(20_000).then(() => 'timeout' as const)]);
    if (code === 'timeout') {
      try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ }
      throw new Error(`npm start did not exit within 20 s of SIGTERM:\n${output.slice(-2000)}`);
    }
    // npm may exit before the launcher (its child) has finished stopping the servers: wait for the launcher too
    const launcher = started?.launcher?.pid;
    for (let i = 0; launcher && alive(launcher) && i < 300; i++) await sleep(50);
    await sleep(50); // its last lines
    out.end();
    // whatever the launcher recorded must be gone, and every port it used closed
    const entries = [started?.launcher, ...Object.values(started?.services ?? {})].filter((e): e is StateEntry => Boolean(e));
    const leftovers = entries.filter((e) => alive(e.pid)).map((e) => e.pid);
    const ports = entries.flatMap((e) => e.ports ?? []);
    const open = (await Promise.all(ports.map(async (p) => ((await portOpen(p)) ? p : null)))).filter((p) => p !== null);
    if (leftovers.length || open.length || fs.existsSync(STATE_FILE)) {
      throw new Error(`npm start left something running after SIGTERM: pids [${leftovers.join(', ')}], open ports [${open.join(', ')}]\n${output.slice(-2000)}`);
    }
    console.log(`npm start: stopped in ${((Date.now() - t1) / 1000).toFixed(1)} s, nothing left running (checked ${entries.length} processes, ports ${ports.join(', ')})`);
  };
}

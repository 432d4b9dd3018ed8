#!/usr/bin/env node
// Type-checks the test code: `tsc --noEmit -p` on every tsconfig.json under test/ and playground/test
// (two at a time), then fails if a TypeScript file there, or a root test config (vitest*.config.ts,
// playwright*.config.ts), is in none of those projects, so a new test folder cannot go unchecked.
// Test fixtures (folders named `fixtures`) are left to the tests that compile them on purpose
// (test/package/types.test.ts, adapters.test.ts). Needs dist/ (the e2e and package tests import the
// built package): run after the build.
//   node scripts/typecheck-tests.mjs
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');
const FOLDERS = ['test', 'playground/test'];
const SKIP = new Set(['node_modules', 'fixtures']);
const TS_FILE = /\.(ts|tsx|mts|cts)$/;
const ROOT_CONFIG = /^(vitest|playwright)(\.[\w-]+)*\.config\.ts$/;

function walk(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

/** tsc -p on one project: its output lines (errors, then the files it read, from --listFiles). */
function tsc(project) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [TSC, '-p', project, '--noEmit', '--listFiles', '--pretty', 'false'], { cwd: ROOT });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ project, code, lines: output.split('\n').filter(Boolean), ms: Date.now() - t0 }));
  });
}

async function inParallel(items, limit, run) {
  const results = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const files = FOLDERS.flatMap((folder) => walk(path.join(ROOT, folder)));
const projects = files.filter((file) => path.basename(file) === 'tsconfig.json').map((file) => path.relative(ROOT, path.dirname(file)));
const wanted = [
  ...files.filter((file) => TS_FILE.test(file)),
  ...readdirSync(ROOT).filter((name) => ROOT_CONFIG.test(name)).map((name) => path.join(ROOT, name)),
];

const covered = new Set();
let failed = false;
for (const { project, code, lines, ms } of await inParallel(projects, 2, tsc)) {
  const read = lines.filter((line) => path.isAbsolute(line) && !line.includes('/node_modules/'));
  const errors = lines.filter((line) => !path.isAbsolute(line));
  for (const file of read) covered.add(path.resolve(file));
  console.log(`tsc -p ${project}: ${code === 0 ? 'ok' : 'FAILED'} (${read.length} files, ${(ms / 1000).toFixed(1)} s)`);
  for (const line of errors) console.log(`  ${line}`);
  if (code !== 0) failed = true;
}
const uncovered = wanted.filter((file) => !covered.has(file));
if (uncovered.length) {
  failed = true;
  console.log('in no tsconfig.json under test/ or playground/test (add them to one, or give their folder its own):');
  for (const file of uncovered) console.log(`  ${path.relative(ROOT, file)}`);
}
console.log(failed ? 'type check of the test code: FAILED' : `type check of the test code: ok (${projects.length} projects, ${covered.size} files)`);
process.exitCode = failed ? 1 : 0;

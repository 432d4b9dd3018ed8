import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const dist = resolve(root, 'dist');

/** The package tests read dist/: build it once if a test run starts without it. */
export function ensureBuilt(): void {
  if (!['index.cjs', 'node/index.cjs', 'echo.iife.min.js'].every((file) => existsSync(resolve(dist, file)))) {
    execFileSync('npx', ['rollup', '-c', 'rollup.config.mjs', '--silent'], { cwd: root, stdio: 'inherit' });
  }
}

/** Runs a script in a fresh Node process (no vitest globals, no transforms) and returns its stdout. */
export function runNode(args: string[], input?: string): string {
  return execFileSync(process.execPath, args, { cwd: root, input, encoding: 'utf8' }).trim();
}

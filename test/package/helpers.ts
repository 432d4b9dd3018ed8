import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
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

/** package.json as published. */
export const packageJson = (): { name: string; version: string; exports: Record<string, unknown>; [field: string]: unknown } =>
  JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));

/** Every subpath of package.json `exports` ('.', './pusher', ...), in its order. */
export const exportSubpaths = (): string[] => Object.keys(packageJson().exports);

export interface PackedFile {
  path: string;
  size: number;
}

export interface Packed {
  tarball: string;
  /** Bytes of the .tgz. */
  size: number;
  /** Bytes of the files in it. */
  unpackedSize: number;
  files: PackedFile[];
}

/**
 * `npm pack` of the built package into .tmp/pack/<folder>/ (one folder per test file: vitest runs
 * the files in parallel). Lifecycle scripts are skipped: the tarball holds what dist/ holds now.
 */
export function packPackage(folder: string): Packed {
  ensureBuilt();
  const dir = resolve(root, '.tmp/pack', folder);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const output = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [info] = JSON.parse(output) as Array<{ filename: string; size: number; unpackedSize: number; files: PackedFile[] }>;
  if (!info) throw new Error(`npm pack printed no package: ${output}`);
  return { tarball: resolve(dir, info.filename), size: info.size, unpackedSize: info.unpackedSize, files: info.files };
}

// A consumer program type-checks against the built declarations (skipLibCheck: false), typed
// payloads are enforced, and the public declarations contain no `any`.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dist, ensureBuilt, root } from './helpers';

beforeAll(ensureBuilt);

describe('public types', () => {
  const compile = (project: string): string => {
    const tsc = resolve(root, 'node_modules/typescript/bin/tsc');
    try {
      execFileSync(process.execPath, [tsc, '-p', project], { cwd: root, encoding: 'utf8' });
      return '';
    } catch (error) {
      return String((error as { stdout?: string }).stdout ?? error);
    }
  };

  it('a consumer program compiles against dist/*.d.ts, and every @ts-expect-error is an error', () => {
    expect(compile('test/package/fixtures/consumer/tsconfig.json')).toBe('');
  });

  it('a CommonJS consumer (module Node16) type-checks against dist/*.d.cts', () => {
    expect(compile('test/package/fixtures/consumer-cjs/tsconfig.json')).toBe('');
  });

  for (const file of ['index.d.ts', 'pusher.d.ts', 'socketio.d.ts']) {
    it(`${file} declares nothing as any`, () => {
      const code = readFileSync(resolve(dist, file), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
      expect(code.match(/\bany\b/g) ?? []).toEqual([]);
    });
  }
});

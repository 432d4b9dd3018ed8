// The API reference (npm run docs: TypeDoc over dist/*.d.ts) covers every typed entry of package.json
// `exports`, every public export there has a doc comment, and TypeDoc has nothing to warn about
// (e.g. a {@link} to a name that does not exist). Runs scripts/docs.mjs --check, which writes nothing.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, packageJson, root } from './helpers';

interface Report {
  warnings: string[];
  modules: Record<string, { exports: number; undocumented: string[] }>;
}

const pkg = packageJson();
// The import specifiers of the entries that have declarations ('royalcms-echo', 'royalcms-echo/pusher', ...).
const typedEntries = Object.entries(pkg.exports)
  .filter(([, target]) => typeof target === 'object' && target !== null && 'types' in target)
  .map(([subpath]) => pkg.name + subpath.slice(1));

let report: Report;

beforeAll(() => {
  ensureBuilt();
  let output: string;
  try {
    output = execFileSync(process.execPath, ['scripts/docs.mjs', '--check'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const failed = error as { status?: number; stdout?: string; stderr?: string };
    if (failed.status !== 1 || !failed.stdout) throw new Error(`scripts/docs.mjs --check failed (exit ${failed.status}): ${failed.stderr}`);
    output = failed.stdout;
  }
  report = JSON.parse(output) as Report;
}, 60_000);

describe('API reference (TypeDoc over the published declarations)', () => {
  it('has one module per typed exports entry, each with exports', () => {
    expect(Object.keys(report.modules).sort()).toEqual([...typedEntries].sort());
    for (const [name, module] of Object.entries(report.modules)) expect(module.exports, name).toBeGreaterThan(0);
  });

  it('TypeDoc converts the declarations without a warning', () => {
    expect(report.warnings).toEqual([]);
  });

  it('both READMEs link it, and its output folder is not committed', () => {
    for (const readme of ['README.md', 'README.zh-CN.md']) {
      expect(readFileSync(resolve(root, readme), 'utf8'), readme).toMatch(/\]\(docs\/api\/index\.html\)/);
    }
    expect(readFileSync(resolve(root, '.gitignore'), 'utf8').split('\n')).toContain('docs/api/');
  });

  it.each(typedEntries)('%s: every export has a doc comment', (entry) => {
    expect(report.modules[entry]?.undocumented).toEqual([]);
  });
});

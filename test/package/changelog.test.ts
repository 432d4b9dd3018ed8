// CHANGELOG.md is in Keep a Changelog form and names the version package.json has, and the release
// step keeps it so: in a scratch copy, `changeset version` with two pending changesets followed by
// scripts/changelog.mjs (what npm run release:version runs) bumps the version and adds a dated
// section grouped by category, and a changeset without a category is refused.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { packageJson, root } from './helpers';

const CATEGORIES = ['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security'];
const changesetBin = resolve(root, 'node_modules/@changesets/cli/bin.js');

/** What is not Keep a Changelog about `text` (empty when it is); `versions` receives the version headings in order. */
function problems(text: string, versions: string[] = []): string[] {
  const found: string[] = [];
  const lines = text.split('\n');
  if (lines[0] !== '# Changelog') found.push(`first line ${JSON.stringify(lines[0])}, not "# Changelog"`);
  const intro = text.slice(0, text.indexOf('\n## '));
  if (!intro.includes('[Keep a Changelog]') || !intro.includes('[Semantic Versioning]')) found.push('the introduction names neither Keep a Changelog nor Semantic Versioning');
  for (const line of lines) {
    if (line.startsWith('## ')) {
      const match = /^## \[(\d+\.\d+\.\d+(?:-[\w.]+)?)\] - (\d{4}-\d{2}-\d{2})$/.exec(line);
      if (match) versions.push(match[1] as string);
      else if (line !== '## [Unreleased]') found.push(`version heading ${JSON.stringify(line)} is not "## [x.y.z] - YYYY-MM-DD"`);
    } else if (line.startsWith('### ') && !CATEGORIES.includes(line.slice(4))) {
      found.push(`section ${JSON.stringify(line)} is none of ${CATEGORIES.join(', ')}`);
    }
  }
  for (const version of versions) if (!text.includes(`\n[${version}]: `)) found.push(`no link for [${version}]`);
  if (versions.length === 0) found.push('no version section');
  return found;
}

describe('CHANGELOG.md', () => {
  it('is in Keep a Changelog form, newest version first, and that version is the one package.json has', () => {
    const versions: string[] = [];
    expect(problems(readFileSync(resolve(root, 'CHANGELOG.md'), 'utf8'), versions)).toEqual([]);
    expect(versions[0]).toBe(packageJson().version);
  });
});

describe('the release step (changeset version, then scripts/changelog.mjs)', () => {
  let scratch: string | undefined;
  afterEach(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  const copyProject = (): string => {
    scratch = mkdtempSync(join(tmpdir(), 'royalcms-echo-release-'));
    for (const file of ['package.json', 'CHANGELOG.md']) cpSync(resolve(root, file), join(scratch, file));
    // The release configuration, without the changesets pending in the repository.
    for (const file of ['config.json', 'changelog.cjs']) cpSync(resolve(root, '.changeset', file), join(scratch, '.changeset', file));
    return scratch;
  };
  const addChangeset = (dir: string, id: string, bump: string, summary: string): void =>
    writeFileSync(join(dir, '.changeset', `${id}.md`), `---\n'royalcms-echo': ${bump}\n---\n\n${summary}\n`);
  const run = (dir: string, args: string[], env: Record<string, string> = {}): string =>
    execFileSync(process.execPath, args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });

  it('bumps the version and adds a dated section by category above the previous ones', () => {
    const dir = copyProject();
    const before = readFileSync(join(dir, 'CHANGELOG.md'), 'utf8');
    const { version } = packageJson();
    addChangeset(dir, 'brave-cats-sing', 'minor', 'Added: `royalcms-echo/native`, a driver for WebSocket servers\nwithout pusher-js.');
    addChangeset(dir, 'odd-dogs-run', 'patch', 'Fixed: `whisper()` on a left channel is refused.');
    run(dir, [changesetBin, 'version']);
    run(dir, [resolve(root, 'scripts/changelog.mjs')], { RELEASE_DATE: '2027-01-02' });

    const [major, minor] = version.split('.').map(Number) as [number, number];
    const next = `${major}.${minor + 1}.0`;
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version).toBe(next);
    const after = readFileSync(join(dir, 'CHANGELOG.md'), 'utf8');
    const versions: string[] = [];
    expect(problems(after, versions)).toEqual([]);
    expect(versions.slice(0, 2)).toEqual([next, version]);
    expect(after).toContain(
      `## [${next}] - 2027-01-02\n\n### Added\n\n- \`royalcms-echo/native\`, a driver for WebSocket servers\n  without pusher-js.\n\n### Fixed\n\n- \`whisper()\` on a left channel is refused.\n\n## [${version}]`,
    );
    // The introduction stays under the title; the earlier sections are unchanged.
    expect(after.slice(0, after.indexOf('\n## '))).toBe(before.slice(0, before.indexOf('\n## ')));
    expect(after).toContain(before.slice(before.indexOf(`## [${version}]`), before.indexOf(`\n[${version}]: `)));
  }, 30_000);

  it('refuses a changeset whose summary names no category, and changes nothing', () => {
    const dir = copyProject();
    addChangeset(dir, 'odd-dogs-run', 'patch', 'whisper() on a left channel is refused');
    expect(() => run(dir, [changesetBin, 'version'])).toThrow(/start the summary with its category \(Added, Changed, Deprecated, Removed, Fixed, Security\)/);
    expect(readFileSync(join(dir, 'CHANGELOG.md'), 'utf8')).toBe(readFileSync(resolve(root, 'CHANGELOG.md'), 'utf8'));
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version).toBe(packageJson().version);
  }, 30_000);
});

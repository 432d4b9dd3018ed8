// What `npm pack` puts in the tarball: dist/, the two READMEs, LICENSE and package.json, nothing
// else (no sources, tests, fixtures or build configs), and the source maps as README "Source maps"
// describes them: one per JavaScript file, with the TypeScript sources embedded, so a debugger needs
// nothing outside the package. Prints the tarball's size.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packPackage, type Packed } from './helpers';

const TOP_LEVEL = ['LICENSE', 'README.md', 'README.zh-CN.md', 'package.json'];
// Built JavaScript, its source maps, and bundled declarations; nothing else belongs in dist/.
const DIST_FILE = /^dist\/(?:[\w.-]+\/)*[\w.-]+\.(?:js|cjs|js\.map|cjs\.map|d\.ts|d\.cts)$/;

let packed: Packed;
let unpacked: string;
let paths: string[];

const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;

beforeAll(() => {
  packed = packPackage('contents');
  unpacked = join(dirname(packed.tarball), 'unpacked');
  mkdirSync(unpacked, { recursive: true });
  execFileSync('tar', ['-xzf', packed.tarball, '-C', unpacked]);
  paths = packed.files.map((file) => file.path).sort();
  const maps = packed.files.filter((file) => file.path.endsWith('.map')).reduce((sum, file) => sum + file.size, 0);
  console.log(
    `royalcms-echo tarball: ${kB(packed.size)} packed, ${kB(packed.unpackedSize)} unpacked, ${paths.length} files ` +
      `(source maps ${kB(maps)} of the unpacked size)`,
  );
}, 60_000);

const read = (path: string): string => readFileSync(join(unpacked, 'package', path), 'utf8');

describe('the packed tarball', () => {
  it('holds dist/, the READMEs, LICENSE and package.json, and nothing else', () => {
    const outside = paths.filter((path) => !path.startsWith('dist/') && !TOP_LEVEL.includes(path));
    expect(outside).toEqual([]);
    for (const file of TOP_LEVEL) expect(paths).toContain(file);
  });

  it('has only built JavaScript, source maps and declarations in dist/ (no sources, tests or fixtures)', () => {
    const unexpected = paths.filter((path) => path.startsWith('dist/') && (!DIST_FILE.test(path) || /(?:^|\/)(?:test|tests|fixtures?|__\w+__)\//.test(path)));
    expect(unexpected).toEqual([]);
    expect(paths.filter((path) => /\.tsx?$/.test(path) && !/\.d\.c?ts$/.test(path))).toEqual([]);
  });

  it('LICENSE is the MIT license that package.json names', () => {
    expect(JSON.parse(read('package.json')).license).toBe('MIT');
    expect(read('LICENSE')).toMatch(/^MIT License\n\nCopyright \(c\) 2026 Royalcms Echo contributors\n/);
  });

  it('every JavaScript file names its source map, and every map belongs to a JavaScript file', () => {
    const scripts = paths.filter((path) => /\.c?js$/.test(path));
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(read(script))?.[1];
      expect(url, `${script} has no sourceMappingURL`).toBeDefined();
      expect(paths, `${script} points at a map that is not in the tarball`).toContain(posix.join(posix.dirname(script), url as string));
    }
    const orphans = paths.filter((path) => path.endsWith('.map') && !scripts.includes(path.slice(0, -'.map'.length)));
    expect(orphans).toEqual([]);
  });

  it('every source map embeds the full text of each of its sources, so none is looked up outside the package', () => {
    for (const map of paths.filter((path) => path.endsWith('.map'))) {
      const { sources, sourcesContent } = JSON.parse(read(map)) as { sources: string[]; sourcesContent?: Array<string | null> };
      expect(sources.length, map).toBeGreaterThan(0);
      expect(sourcesContent?.length, `${map}: sourcesContent`).toBe(sources.length);
      const missing = sources.filter((_, i) => typeof sourcesContent?.[i] !== 'string' || sourcesContent[i] === '');
      expect(missing, `${map}: sources without embedded content`).toEqual([]);
    }
  });

  it('every file that package.json points at is in it', () => {
    const manifest = JSON.parse(read('package.json')) as Record<string, unknown>;
    const targets = new Set<string>();
    const collect = (value: unknown): void => {
      if (typeof value === 'string') targets.add(posix.normalize(value));
      else if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    for (const field of ['main', 'module', 'types', 'unpkg', 'jsdelivr', 'exports', 'typesVersions']) collect(manifest[field]);
    expect([...targets].filter((target) => !paths.includes(target))).toEqual([]);
  });
});

// The community's package checkers, run on the packed tarball the way a library user's tooling
// sees it: publint (package.json and exports conventions, strict: warnings count as errors) and
// arethetypeswrong (which declarations and JavaScript TypeScript resolves under node10, node16
// from CommonJS and from ESM, and bundler) for every subpath of package.json `exports`. Every
// finding fails unless quality-gates.allow.ts explains it.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportSubpaths, packPackage, root } from './helpers';
import { allowed, type Allowance } from './quality-gates.allow';

interface Finding {
  tool: Allowance['tool'];
  code: string;
  where: string;
  resolution?: string;
  text: string;
}

interface AttwProblem {
  kind: string;
  entrypoint?: string;
  resolutionKind?: string;
  fileName?: string;
}

const require = createRequire(import.meta.url);
const subpaths = exportSubpaths();
const findings: Finding[] = [];
let checkedEntrypoints: string[] = [];

const isAllowed = (finding: Finding, allowance: Allowance): boolean =>
  allowance.tool === finding.tool &&
  allowance.code === finding.code &&
  allowance.where === finding.where &&
  (!allowance.resolutions || (finding.resolution !== undefined && allowance.resolutions.includes(finding.resolution)));

const unexplained = (tool: Finding['tool'], where?: string): string[] =>
  findings
    .filter((finding) => finding.tool === tool && (where === undefined || finding.where === where))
    .filter((finding) => !allowed.some((allowance) => isAllowed(finding, allowance)))
    .map((finding) => finding.text);

/** Runs the attw CLI on `tarball` for `entrypoints`; returns its JSON analysis (it exits 1 when it finds problems). */
function runAttw(tarball: string, entrypoints: string[]): { entrypoints: Record<string, unknown>; problems: AttwProblem[] } {
  const manifest = require.resolve('@arethetypeswrong/cli/package.json');
  const bin = (JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> }).bin.attw as string;
  // stdout goes to a file: attw exits with process.exit(1) on findings, which can cut a piped
  // stdout short (writes to a pipe are asynchronous), but not one written to a file.
  const outFile = resolve(root, '.tmp', `attw-${process.pid}.json`);
  mkdirSync(dirname(outFile), { recursive: true });
  const fd = openSync(outFile, 'w');
  let status: number | null;
  let stderr: string;
  try {
    const run = spawnSync(process.execPath, [resolve(dirname(manifest), bin), tarball, '--format', 'json', '--entrypoints', ...entrypoints], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', fd, 'pipe'],
    });
    status = run.status;
    stderr = run.stderr;
  } finally {
    closeSync(fd);
  }
  const output = readFileSync(outFile, 'utf8');
  rmSync(outFile, { force: true });
  if ((status !== 0 && status !== 1) || !output) throw new Error(`attw failed (exit ${status}): ${stderr}`);
  return (JSON.parse(output) as { analysis: { entrypoints: Record<string, unknown>; problems: AttwProblem[] } }).analysis;
}

beforeAll(async () => {
  const { tarball } = packPackage('quality-gates');

  const lint = await publint({ pack: { tarball: new Uint8Array(readFileSync(tarball)).buffer as ArrayBuffer }, level: 'suggestion', strict: true });
  for (const message of lint.messages) {
    const where = message.path.join('.');
    const text = formatMessage(message, lint.pkg, { color: false }) ?? message.code;
    findings.push({ tool: 'publint', code: message.code, where, text: `${message.type} ${message.code} at ${where}: ${text}` });
  }

  const analysis = runAttw(tarball, subpaths);
  checkedEntrypoints = Object.keys(analysis.entrypoints);
  for (const problem of analysis.problems) {
    const where = problem.entrypoint ?? problem.fileName ?? '';
    const hint =
      problem.kind === 'NoResolution' && problem.resolutionKind === 'node10'
        ? ' (node10 ignores exports: add the subpath to typesVersions in package.json)'
        : '';
    findings.push({
      tool: 'attw',
      code: problem.kind,
      where,
      resolution: problem.resolutionKind,
      text: `${problem.kind} for ${where}${problem.resolutionKind ? ` under ${problem.resolutionKind}` : ''}${hint}, see https://github.com/arethetypeswrong/arethetypeswrong.github.io/blob/main/docs/problems/${problem.kind}.md`,
    });
  }
}, 60_000);

describe('publint on the packed tarball (strict, every level)', () => {
  it('reports nothing that quality-gates.allow.ts does not explain', () => {
    expect(unexplained('publint')).toEqual([]);
  });
});

describe('arethetypeswrong on the packed tarball (node10, node16 CJS and ESM, bundler)', () => {
  it('checks exactly the subpaths of package.json exports', () => {
    expect(checkedEntrypoints).toEqual(subpaths);
  });

  it.each(subpaths)('%s: no problem that quality-gates.allow.ts does not explain', (subpath) => {
    expect(unexplained('attw', subpath)).toEqual([]);
  });

  it('no problem outside the entry points (files reached from them)', () => {
    const outside = findings.filter((finding) => finding.tool === 'attw' && !subpaths.includes(finding.where));
    expect(outside.map((finding) => finding.text)).toEqual([]);
  });
});

describe('quality-gates.allow.ts', () => {
  it('explains only findings that still occur, each with a reason', () => {
    const stale = allowed.filter((allowance) => !findings.some((finding) => isAllowed(finding, allowance)));
    expect(stale).toEqual([]);
    expect(allowed.filter((allowance) => allowance.reason.trim().length < 20)).toEqual([]);
  });
});

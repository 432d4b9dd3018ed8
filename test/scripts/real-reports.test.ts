// scripts/summarize.mjs on the reports the installed vitest and Playwright really write, for the
// fixture suites of test/scripts/fixtures (each fails in one of the ways a run can; see its README):
// run as scripts/test.sh runs a suite (JSON report + exit status in steps.tsv), then summarised.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT, removeFolders, resultsFolder, summarizeFolder, writeSteps, type Summary } from './reports';

const FIXTURES = join(ROOT, 'test/scripts/fixtures');
const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);

/** Runs a command in the repository; resolves with its exit status (never rejects). */
function exitStatus(command: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    // CI unset: the fixtures are run as a developer runs them (forbidOnly/allowOnly play no part)
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, CI: '', ...env }, stdio: 'ignore' });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

let result: Summary;

/** The summary's lines for one suite: its count line and the failures named under it. */
function suite(name: string): string[] {
  const start = result.lines.findIndex((line) => line.startsWith(`${name}: `));
  if (start < 0) throw new Error(`no line for ${name} in:\n${result.lines.join('\n')}`);
  const end = result.lines.findIndex((line, index) => index > start && !line.startsWith('  '));
  return result.lines.slice(start, end);
}

beforeAll(async () => {
  const folder = resultsFolder({});
  const vitest = (name: string, files: string[]) =>
    exitStatus(bin('vitest'), ['run', '--config', join(FIXTURES, 'vitest/vitest.config.mjs'), '--reporter=json', `--outputFile=${join(folder, `${name}.json`)}`, ...files]);
  const playwright = (name: string, args: string[]) =>
    exitStatus(bin('playwright'), ['test', '-c', join(FIXTURES, 'playwright/playwright.config.mjs'), `--output=${join(folder, name)}`, ...args], {
      PLAYWRIGHT_JSON_OUTPUT_FILE: join(folder, `${name}.json`),
    });
  const runs = {
    'vitest-mixed': vitest('vitest-mixed', ['mixed', 'load', 'hook', 'crash']),
    'vitest-unhandled': vitest('vitest-unhandled', ['unhandled']),
    'playwright-mixed': playwright('playwright-mixed', ['--retries=1', 'mixed']),
    'playwright-load': playwright('playwright-load', ['load']), // a spec that does not load stops the whole run
    'playwright-stops': playwright('playwright-stops', ['--max-failures=1', 'stops']),
  };
  const statuses = await Promise.all(Object.values(runs));
  writeSteps(folder, Object.keys(runs).map((name, index) => ['report', name, statuses[index]!]));
  result = summarizeFolder(folder);
}, 120_000);

afterAll(removeFolders);

it('every fixture run failed, and so does the summary: non-zero exit, "N passed, M failed" last', () => {
  expect(result.last).toMatch(/^\d+ passed, \d+ failed(, \d+ skipped)?$/);
  expect(result.failed).toBeGreaterThan(0);
  expect(result.status).toBe(1);
});

it('vitest: a failed test, a file that does not load, a failed beforeAll and a dead worker each fail', () => {
  const lines = suite('vitest-mixed');
  // passes (mixed), passes (hook), and nothing of crash.fixture.ts: its worker died before reporting
  expect(lines[0]).toMatch(/^vitest-mixed: 2 passed, 6 failed, 3 skipped$/);
  expect(lines).toContain('  - failed: test/scripts/fixtures/vitest/mixed.fixture.ts › fails (AssertionError: expected 1 to be 2 // Object.is equality)');
  expect(lines.some((line) => /^ {2}- test\/scripts\/fixtures\/vitest\/load\.fixture\.ts: .*no-such-module/.test(line))).toBe(true);
  expect(lines).toContain('  - test/scripts/fixtures/vitest/hook.fixture.ts: failed outside its tests (a beforeAll/afterAll hook, or the file did not load)');
  expect(lines.filter((line) => line.startsWith('  - did not finish (its worker died?): test/scripts/fixtures/vitest/crash.fixture.ts › '))).toHaveLength(3);
});

it('vitest: an unhandled error after passing tests fails through the exit status', () => {
  expect(suite('vitest-unhandled')).toEqual([
    'vitest-unhandled: 2 passed, 1 failed',
    '  - the runner exited with status 1 although its report lists no failure: an unhandled error, or a crash outside any test (see its output above)',
  ]);
});

it('Playwright: failed, flaky and timed-out tests each fail; test.skip is skipped', () => {
  const lines = suite('playwright-mixed');
  expect(lines[0]).toBe('playwright-mixed: 1 passed, 3 failed, 1 skipped');
  expect(lines).toContain('  - flaky (failed, then passed on a retry): mixed.pw.ts › is flaky');
  expect(lines.some((line) => line.startsWith('  - failed: mixed.pw.ts › fails (Error: expect(received).toBe(expected)'))).toBe(true);
  expect(lines.some((line) => line.startsWith('  - timed out: mixed.pw.ts › times out (Test timeout of 200ms exceeded'))).toBe(true);
});

it('Playwright: a spec that does not load fails, named (and so does the empty run it leaves)', () => {
  const lines = suite('playwright-load');
  expect(lines[0]).toBe('playwright-load: 0 passed, 2 failed');
  expect(lines[1]).toMatch(/^ {2}- error outside any test: Error: Cannot find module .*no-such-module' imported from .*load\.pw\.ts$/);
  expect(lines[2]).toBe('  - error outside any test: Error: No tests found.');
});

it('Playwright: tests that never ran after --max-failures stopped the run fail (not skipped)', () => {
  const lines = suite('playwright-stops');
  expect(lines[0]).toBe('playwright-stops: 0 passed, 4 failed');
  expect(lines.filter((line) => line.startsWith('  - did not run (interrupted, a global timeout, or stopped after earlier failures): stops.pw.ts › '))).toHaveLength(2);
  expect(lines).toContain('  - error outside any test: Testing stopped early after 1 maximum allowed failures.');
});

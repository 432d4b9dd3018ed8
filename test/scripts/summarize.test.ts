// scripts/summarize.mjs, the last lines of `npm test`, fed each report shape a run can leave behind:
// every failure counts and is named with its suite, the last line is always "N passed, M failed"
// (", K skipped" after it), and M > 0 exactly when the summariser exits non-zero.
import { afterEach, describe, expect, it } from 'vitest';
import { playwrightReport, removeFolders, resultsFolder, summarizeFolder, vitestReport, type Step, type Summary } from './reports';

afterEach(removeFolders);

/** The summary of a folder, checked for the two rules every summary keeps. */
function summary(files: Record<string, unknown>, steps: Step[] = []): Summary {
  const result = summarizeFolder(resultsFolder(files, steps));
  expect(result.last).toMatch(/^\d+ passed, \d+ failed(, \d+ skipped)?$/);
  expect(result.status).toBe(result.failed > 0 ? 1 : 0);
  return result;
}
const linesOf = (result: Summary, suite: string) => {
  const start = result.lines.findIndex((line) => line.startsWith(`${suite}: `));
  const end = result.lines.findIndex((line, index) => index > start && !line.startsWith('  '));
  return start < 0 ? [] : result.lines.slice(start, end < 0 ? result.lines.length - 1 : end);
};

const passingVitest = vitestReport({ a: { tests: { one: 'passed', two: 'passed', later: 'skipped', idea: 'todo' } } });

describe('vitest reports', () => {
  it('a passing run: its counts, skipped and todo after the failures, exit 0', () => {
    const result = summary({ 'vitest-unit.json': passingVitest }, [['report', 'vitest-unit', 0]]);
    expect(result.lines).toEqual(['vitest-unit: 2 passed, 0 failed, 2 skipped', '2 passed, 0 failed, 2 skipped']);
  });

  it('a failed test is counted and named', () => {
    const result = summary({ 'vitest-unit.json': vitestReport({ a: { tests: { one: 'passed', two: 'failed' } } }) }, [['report', 'vitest-unit', 1]]);
    expect(result).toMatchObject({ passed: 1, failed: 1 });
    expect(linesOf(result, 'vitest-unit')).toEqual(['vitest-unit: 1 passed, 1 failed', '  - failed: test/a.test.ts › two (AssertionError: two broke)']);
  });

  it("an unhandled error (in no report: every test passed) counts through the runner's exit status", () => {
    const result = summary({ 'vitest-unit.json': passingVitest }, [['report', 'vitest-unit', 1]]);
    expect(result).toMatchObject({ passed: 2, failed: 1 });
    expect(linesOf(result, 'vitest-unit')[1]).toMatch(/^  - the runner exited with status 1 although its report lists no failure: an unhandled error/);
  });

  it('tests of a worker that died ("pending") fail, not skip', () => {
    const report = vitestReport({ crash: { tests: { before: 'pending', crashes: 'pending' } } }, true);
    const result = summary({ 'vitest-e2e.json': report }, [['report', 'vitest-e2e', 1]]);
    expect(result).toMatchObject({ passed: 0, failed: 2, skipped: 0 });
    expect(linesOf(result, 'vitest-e2e')).toContain('  - did not finish (its worker died?): test/crash.test.ts › crashes');
  });

  it('a file that failed to load is one failure, named with its error', () => {
    const report = vitestReport({ load: { tests: {}, status: 'failed', message: "Cannot find module './gone'\nstack" } });
    const result = summary({ 'vitest-e2e.json': report }, [['report', 'vitest-e2e', 1]]);
    expect(linesOf(result, 'vitest-e2e')).toEqual(['vitest-e2e: 0 passed, 1 failed', "  - test/load.test.ts: Cannot find module './gone'"]);
  });

  it('a failed beforeAll (its tests reported skipped) is one failure', () => {
    const report = vitestReport({ hook: { tests: { outside: 'passed', under: 'skipped' }, status: 'failed' } });
    const result = summary({ 'vitest-unit.json': report }, [['report', 'vitest-unit', 1]]);
    expect(result).toMatchObject({ passed: 1, failed: 1, skipped: 1 });
    expect(linesOf(result, 'vitest-unit')[1]).toMatch(/^  - test\/hook\.test\.ts: failed outside its tests/);
  });

  it('a run that failed before any file (globalSetup) is one failure', () => {
    const result = summary({ 'vitest-load.json': vitestReport({}, false) }, [['report', 'vitest-load', 1]]);
    expect(result).toMatchObject({ passed: 0, failed: 1 });
    expect(linesOf(result, 'vitest-load')[1]).toMatch(/^  - the run failed outside any test file/);
  });

  it('names at most ten failed tests, then says how many more', () => {
    const tests = Object.fromEntries(Array.from({ length: 13 }, (_, index) => [`t${index}`, 'failed' as const]));
    const result = summary({ 'vitest-unit.json': vitestReport({ many: { tests } }) }, [['report', 'vitest-unit', 1]]);
    expect(result.failed).toBe(13);
    expect(linesOf(result, 'vitest-unit').slice(-1)).toEqual(["  - … and 3 more failed tests (see the runner's output above)"]);
  });
});

describe('Playwright reports', () => {
  const run = (tests: Parameters<typeof playwrightReport>[1], errors?: Parameters<typeof playwrightReport>[2]) =>
    summary({ 'playwright.json': playwrightReport('events.spec.ts', tests, errors) }, [['report', 'playwright', 1]]);

  it('deliberate skips are skipped; interrupted tests (skipped, though expected to pass) fail', () => {
    const result = run([
      { title: 'ran', status: 'expected', results: ['passed'] },
      { title: 'test.skip', status: 'skipped', expectedStatus: 'skipped', results: ['skipped'] },
      { title: 'cut short', status: 'skipped', results: ['skipped'] },
      { title: 'never started', status: 'skipped' },
    ]);
    expect(result).toMatchObject({ passed: 1, failed: 2, skipped: 1 });
    expect(linesOf(result, 'playwright')).toContain('  - did not run (interrupted, a global timeout, or stopped after earlier failures): events.spec.ts › never started');
  });

  it('flaky, timed-out and interrupted tests fail, each named', () => {
    const result = run([
      { title: 'wobbly', status: 'flaky', results: ['failed', 'passed'] },
      { title: 'slow', status: 'unexpected', results: ['timedOut'] },
      { title: 'stopped', status: 'unexpected', results: ['interrupted'] },
      { title: 'broken', status: 'unexpected', results: ['failed'] },
    ]);
    expect(result).toMatchObject({ passed: 0, failed: 4 });
    expect(linesOf(result, 'playwright').slice(1)).toEqual([
      '  - flaky (failed, then passed on a retry): events.spec.ts › wobbly',
      '  - timed out: events.spec.ts › slow (Error: slow broke)',
      '  - interrupted: events.spec.ts › stopped (Error: stopped broke)',
      '  - failed: events.spec.ts › broken (Error: broken broke)',
    ]);
  });

  it('errors outside any test (a spec that does not load, a failed globalSetup, forbidOnly) fail, with their file', () => {
    const result = run([], [{ message: "\u001b[31mError: Cannot find module './nope'\u001b[39m\n    at x", file: 'test/e2e/browser/events.spec.ts' }, { message: 'Error: global setup broke' }]);
    expect(linesOf(result, 'playwright')).toEqual([
      'playwright: 0 passed, 2 failed',
      "  - error outside any test (test/e2e/browser/events.spec.ts): Error: Cannot find module './nope'",
      '  - error outside any test: Error: global setup broke',
    ]);
  });
});

describe('missing, unreadable and other files', () => {
  it('a missing report is a failure of its suite', () => {
    const result = summary({ 'vitest-unit.json': passingVitest }, [['report', 'vitest-unit', 0], ['report', 'playwright', 137]]);
    expect(result).toMatchObject({ passed: 2, failed: 1 });
    expect(linesOf(result, 'playwright')[1]).toBe('  - no report (playwright.json): the runner crashed or was killed before writing it; exit status 137');
  });

  it('a truncated report is a failure, and the last line is still the count', () => {
    const truncated = JSON.stringify(passingVitest).slice(0, 120);
    const result = summary({ 'vitest-e2e.json': truncated, 'vitest-unit.json': passingVitest }, [['report', 'vitest-unit', 0], ['report', 'vitest-e2e', 1]]);
    expect(result).toMatchObject({ passed: 2, failed: 1 });
    expect(linesOf(result, 'vitest-e2e')[1]).toMatch(/^  - unreadable report \(vitest-e2e\.json\): /);
  });

  it('a report of a runner started by hand counts; other JSON (figures a test saved) does not', () => {
    const result = summary({ 'playwright.json': playwrightReport('a.spec.ts', [{ title: 'x', status: 'unexpected', results: ['failed'] }]), 'recovery.json': { soketi: { ms: 900 } } });
    expect(result.lines).toEqual(['playwright: 0 passed, 1 failed', '  - failed: a.spec.ts › x (Error: x broke)', '0 passed, 1 failed']);
  });

  it('a step named as a report whose file is no test report fails', () => {
    const result = summary({ 'vitest-unit.json': { hello: 1 } }, [['report', 'vitest-unit', 0]]);
    expect(linesOf(result, 'vitest-unit')).toEqual(['vitest-unit: 0 passed, 1 failed', '  - vitest-unit.json is not a vitest or Playwright report']);
  });

  it('an empty folder, or none, is a failure', () => {
    expect(summary({}).lines[0]).toMatch(/^results: 0 passed, 1 failed/);
    const gone = summarizeFolder('/nonexistent/results');
    expect([gone.last, gone.status]).toEqual(['0 passed, 1 failed', 1]);
  });
});

describe('checks and setup steps', () => {
  it('a check counts as one test; a failed setup step as one failure with what did not run', () => {
    const ok = summary({}, [['check', 'typecheck-tests', 0]]);
    expect(ok.lines).toEqual(['typecheck-tests: 1 passed, 0 failed', '1 passed, 0 failed']);
    const failed = summary({ 'vitest-unit.json': passingVitest }, [['check', 'typecheck-tests', 2], ['report', 'vitest-unit', 0], ['setup', 'starting the servers', 1, 'the steps after it did not run']]);
    expect(failed.lines).toEqual([
      'typecheck-tests: 0 passed, 1 failed',
      '  - exited with status 2',
      'vitest-unit: 2 passed, 0 failed, 2 skipped',
      'setup: starting the servers: 0 passed, 1 failed',
      '  - failed (exit status 1); the steps after it did not run',
      '2 passed, 2 failed, 2 skipped',
    ]);
  });
});

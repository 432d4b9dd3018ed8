// Reads one JSON report of vitest (its `json` reporter) or Playwright (its `json` reporter) into
// {passed, failed, skipped, problems}, counting what the runners' own totals hide: a test that never
// finished because its worker died (vitest: status "pending"), a Playwright test that was meant to run
// but did not (interrupted, global timeout, maxFailures: status "skipped" while "passed" was expected),
// a flaky test, a file or hook that failed outside any test, and errors outside any test (a spec that
// failed to load, a failed globalSetup). `problems` names each failure for the summary.
import path from 'node:path';

const MAX_NAMED = 10; // failed tests named per report; the runner's own output above has the rest

// ANSI colour codes (Playwright colours its error messages) and everything after the first line.
const firstLine = (text) => String(text ?? '').replace(/\u001b\[[0-9;]*m/g, '').split('\n').find((line) => line.trim()) ?? '';
const relative = (file) => (file && path.isAbsolute(file) ? path.relative(process.cwd(), file) : file ?? '?');

/** 'vitest', 'playwright' or null (some other JSON, e.g. figures a test saved beside the reports). */
export function reportKind(report) {
  if (report && typeof report === 'object' && Array.isArray(report.testResults) && 'numTotalTests' in report) return 'vitest';
  if (report && typeof report === 'object' && report.stats && Array.isArray(report.suites)) return 'playwright';
  return null;
}

function tally() {
  const counts = { passed: 0, failed: 0, skipped: 0, problems: [], named: 0 };
  counts.fail = (problem, { test = true } = {}) => {
    counts.failed += 1;
    if (!test || counts.named < MAX_NAMED) counts.problems.push(problem);
    if (test) counts.named += 1;
  };
  return counts;
}

function done(counts) {
  const hidden = counts.named - Math.min(counts.named, MAX_NAMED);
  if (hidden > 0) counts.problems.push(`… and ${hidden} more failed tests (see the runner's output above)`);
  return { passed: counts.passed, failed: counts.failed, skipped: counts.skipped, problems: counts.problems };
}

export function readVitest(report) {
  const counts = tally();
  for (const file of report.testResults) {
    const name = relative(file.name);
    let failedHere = 0;
    for (const test of file.assertionResults ?? []) {
      const title = `${name} › ${test.fullName ?? test.title}`;
      if (test.status === 'passed') counts.passed += 1;
      else if (test.status === 'skipped' || test.status === 'todo') counts.skipped += 1;
      else if (test.status === 'failed') {
        failedHere += 1;
        counts.fail(`failed: ${title}${test.failureMessages?.length ? ` (${firstLine(test.failureMessages[0])})` : ''}`);
      } else {
        // "pending": started or queued, never finished; vitest reports this when the worker died
        failedHere += 1;
        counts.fail(`did not finish (its worker died?): ${title}`);
      }
    }
    if (file.status === 'failed' && failedHere === 0) {
      counts.fail(`${name}: ${firstLine(file.message) || 'failed outside its tests (a beforeAll/afterAll hook, or the file did not load)'}`, { test: false });
    }
  }
  if (report.success === false && counts.failed === 0) {
    counts.fail('the run failed outside any test file (its globalSetup, or no test file was found)', { test: false });
  }
  return done(counts);
}

function* playwrightTests(suite, titles = []) {
  const here = suite.title && suite.title !== suite.file ? [...titles, suite.title] : titles; // a file's suite is titled by its path
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) yield { file: spec.file ?? suite.file, title: [...here, spec.title].join(' › '), test };
  }
  for (const child of suite.suites ?? []) yield* playwrightTests(child, here);
}

export function readPlaywright(report) {
  const counts = tally();
  for (const suite of report.suites) {
    for (const { file, title, test } of playwrightTests(suite)) {
      const name = `${file} › ${title}${test.projectName ? ` [${test.projectName}]` : ''}`;
      const result = test.results?.at(-1);
      const last = result?.status;
      const why = firstLine(result?.error?.message ?? result?.errors?.[0]?.message);
      if (test.status === 'expected') counts.passed += 1;
      else if (test.status === 'skipped' && test.expectedStatus === 'skipped') counts.skipped += 1;
      else if (test.status === 'skipped') counts.fail(`did not run (interrupted, a global timeout, or stopped after earlier failures): ${name}`);
      else if (test.status === 'flaky') counts.fail(`flaky (failed, then passed on a retry): ${name}`);
      else counts.fail(`${last === 'timedOut' ? 'timed out' : last === 'interrupted' ? 'interrupted' : 'failed'}: ${name}${why ? ` (${why})` : ''}`);
    }
  }
  for (const error of report.errors ?? []) {
    const where = error.location?.file ? ` (${relative(error.location.file)})` : '';
    counts.fail(`error outside any test${where}: ${firstLine(error.message ?? error.stack) || 'no message'}`, { test: false });
  }
  return done(counts);
}

/** Counts of a parsed report, or null when it is not a test report. */
export function readReport(report) {
  const kind = reportKind(report);
  if (kind === 'vitest') return readVitest(report);
  if (kind === 'playwright') return readPlaywright(report);
  return null;
}

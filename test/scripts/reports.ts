// Results folders for the tests of scripts/summarize.mjs: small vitest and Playwright JSON reports
// with the fields those reporters write (vitest 4 `json`, Playwright 1.65 `json`), a steps.tsv as
// scripts/test.sh writes it, and the summariser run as test.sh runs it (its own process).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const folders: string[] = [];

export type VitestStatus = 'passed' | 'failed' | 'skipped' | 'todo' | 'pending';

/** A vitest report: files named `<name>.test.ts` with their tests' statuses. */
export function vitestReport(files: Record<string, { tests: Record<string, VitestStatus>; status?: 'passed' | 'failed'; message?: string }>, success?: boolean) {
  const testResults = Object.entries(files).map(([name, file]) => {
    const assertionResults = Object.entries(file.tests).map(([title, status]) => ({
      ancestorTitles: [],
      fullName: title,
      status,
      title,
      failureMessages: status === 'failed' ? [`AssertionError: ${title} broke\n    at ${name}.test.ts:1:1`] : [],
    }));
    const failed = file.status === 'failed' || assertionResults.some((test) => test.status === 'failed');
    return { assertionResults, status: failed ? 'failed' : 'passed', message: file.message ?? '', name: join(ROOT, 'test', `${name}.test.ts`) };
  });
  const tests = testResults.flatMap((file) => file.assertionResults);
  const count = (...statuses: string[]) => tests.filter((test) => statuses.includes(test.status)).length;
  return {
    numTotalTestSuites: testResults.length,
    numTotalTests: tests.length,
    numPassedTests: count('passed'),
    numFailedTests: count('failed'),
    numPendingTests: count('skipped'),
    numTodoTests: count('todo'),
    success: success ?? testResults.every((file) => file.status === 'passed'),
    testResults,
  };
}

export interface PlaywrightTest {
  title: string;
  status: 'expected' | 'unexpected' | 'flaky' | 'skipped';
  expectedStatus?: 'passed' | 'skipped' | 'failed';
  /** Statuses of the attempts (retries), e.g. ['failed', 'passed'] for a flaky test. */
  results?: string[];
}

/** A Playwright report: one spec file with its tests, and errors outside any test. */
export function playwrightReport(file: string, tests: PlaywrightTest[], errors: Array<{ message: string; file?: string }> = []) {
  const stat = (status: string) => tests.filter((test) => test.status === status).length;
  return {
    config: { version: '1.65.1' },
    suites: [
      {
        title: file,
        file,
        specs: tests.map((test) => ({
          title: test.title,
          file,
          tests: [
            {
              expectedStatus: test.expectedStatus ?? 'passed',
              projectName: '',
              status: test.status,
              results: (test.results ?? []).map((status) => ({ status, ...(status === 'passed' || status === 'skipped' ? {} : { error: { message: `Error: ${test.title} broke\n  stack` } }) })),
            },
          ],
        })),
      },
    ],
    errors: errors.map((error) => ({ message: error.message, ...(error.file ? { location: { file: join(ROOT, error.file), line: 1, column: 1 } } : {}) })),
    stats: { expected: stat('expected'), skipped: stat('skipped'), unexpected: stat('unexpected'), flaky: stat('flaky') },
  };
}

export type Step = [kind: string, name: string, status: number | string, note?: string];

/** A fresh results folder with these files (objects become JSON) and these steps in steps.tsv. */
export function resultsFolder(files: Record<string, unknown>, steps: Step[] = []): string {
  const folder = mkdtempSync(join(tmpdir(), 'summary-'));
  folders.push(folder);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(folder, name), typeof content === 'string' ? content : JSON.stringify(content));
  if (steps.length) writeSteps(folder, steps);
  return folder;
}

/** steps.tsv as scripts/test.sh writes it: one tab-separated line per finished step. */
export function writeSteps(folder: string, steps: Step[]): void {
  writeFileSync(join(folder, 'steps.tsv'), steps.map((step) => step.join('\t') + '\n').join(''));
}

export function removeFolders(): void {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
}

export interface Summary {
  status: number | null;
  lines: string[];
  last: string;
  passed: number;
  failed: number;
  skipped: number;
}

/** `node scripts/summarize.mjs <folder>`, as scripts/test.sh runs it. */
export function summarizeFolder(folder: string): Summary {
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts/summarize.mjs'), folder], { cwd: ROOT, encoding: 'utf8' });
  const lines = run.stdout.trimEnd().split('\n');
  const last = lines.at(-1) ?? '';
  const [, passed = '-1', failed = '-1', skipped = '0'] = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/.exec(last) ?? [];
  return { status: run.status, lines, last, passed: Number(passed), failed: Number(failed), skipped: Number(skipped) };
}

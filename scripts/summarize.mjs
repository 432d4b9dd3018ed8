// The last lines of the test run: one line per step of scripts/test.sh, and "N passed, M failed"
// (", K skipped" after it when there are any). M > 0 exactly when this exits non-zero, and
// scripts/test.sh exits with this script's status.
//
//   node scripts/summarize.mjs [folder]      (default .tmp/results)
//
// The folder holds the runners' JSON reports (NAME.json) and steps.tsv, written by scripts/test.sh,
// one line per finished step: "<kind>\t<name>\t<exit status>[\t<note>]", where kind is
//   report  a test runner whose JSON report is NAME.json (vitest or Playwright)
//   check   a step that passes or fails as a whole (counts as one test), e.g. the type check
//   setup   a setup or teardown step that failed (installing, building, starting or stopping the
//           servers); the note says what did not run because of it
// A report is one failure when it is missing or unreadable; a runner that exited non-zero while its
// report lists no failure (vitest's unhandled errors are in no report) counts one failure more. A
// report in the folder that no step names is counted too (a runner started by hand).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readReport } from './lib/reports.mjs';

export const STEPS_FILE = 'steps.tsv';

function readSteps(folder) {
  const file = join(folder, STEPS_FILE);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const [kind = '', name = '', status = '', note = ''] = line.split('\t');
      return { kind, name, status: /^\d+$/.test(status.trim()) ? Number(status) : null, note: note.trim() };
    });
}

function summarizeReport(folder, name, status, named) {
  const file = join(folder, `${name}.json`);
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0, problems: [`no report (${name}.json): the runner crashed or was killed before writing it${status === null ? '' : `; exit status ${status}`}`] };
  let result;
  try {
    result = readReport(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    return { passed: 0, failed: 1, skipped: 0, problems: [`unreadable report (${name}.json): ${error.message}`] };
  }
  if (!result) return named ? { passed: 0, failed: 1, skipped: 0, problems: [`${name}.json is not a vitest or Playwright report`] } : null;
  if (status !== null && status !== 0 && result.failed === 0) {
    result.failed += 1;
    result.problems.push(`the runner exited with status ${status} although its report lists no failure: an unhandled error, or a crash outside any test (see its output above)`);
  }
  return result;
}

/** {lines, passed, failed, skipped} for a results folder; never throws. */
export function summarize(folder) {
  const lines = [];
  const total = { passed: 0, failed: 0, skipped: 0 };
  const add = (name, result) => {
    lines.push(`${name}: ${result.passed} passed, ${result.failed} failed${result.skipped ? `, ${result.skipped} skipped` : ''}`);
    for (const problem of result.problems) lines.push(`  - ${problem}`);
    total.passed += result.passed;
    total.failed += result.failed;
    total.skipped += result.skipped;
  };
  try {
    const steps = readSteps(folder);
    for (const { kind, name, status, note } of steps) {
      if (kind === 'report') add(name, summarizeReport(folder, name, status, true));
      else if (kind === 'check') add(name, status === 0 ? { passed: 1, failed: 0, skipped: 0, problems: [] } : { passed: 0, failed: 1, skipped: 0, problems: [`exited with status ${status ?? 'unknown'}`] });
      else add(`setup: ${name}`, { passed: 0, failed: 1, skipped: 0, problems: [`failed${status ? ` (exit status ${status})` : ''}${note ? `; ${note}` : ''}`] });
    }
    const named = new Set(steps.filter((step) => step.kind === 'report').map((step) => `${step.name}.json`));
    const others = existsSync(folder) ? readdirSync(folder).filter((file) => file.endsWith('.json') && !named.has(file)).sort() : [];
    for (const file of others) {
      const result = summarizeReport(folder, file.slice(0, -'.json'.length), null, false);
      if (result) add(file.slice(0, -'.json'.length), result);
    }
    if (lines.length === 0) add('results', { passed: 0, failed: 1, skipped: 0, problems: [`no step recorded and no test report in ${folder}`] });
  } catch (error) {
    add('summary', { passed: 0, failed: 1, skipped: 0, problems: [`could not read ${folder}: ${error.message}`] });
  }
  return { lines, ...total };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { lines, passed, failed, skipped } = summarize(process.argv[2] ?? '.tmp/results');
  for (const line of lines) console.log(line);
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exitCode = failed > 0 ? 1 : 0;
}

// Adds up the JSON reports of vitest and Playwright in a folder and prints the last line of
// the test run: "N passed, M failed" (plus skipped when there are any).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [folder = '.tmp/results', ...expected] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const lines = [];

for (const file of readdirSync(folder).filter((name) => name.endsWith('.json')).sort()) {
  const report = JSON.parse(readFileSync(join(folder, file), 'utf8'));
  let p = 0;
  let f = 0;
  let s = 0;
  if ('numPassedTests' in report) {
    // vitest (jest-compatible JSON)
    p = report.numPassedTests;
    f = report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
    s = report.numPendingTests + (report.numTodoTests ?? 0);
    if (report.success === false && f === 0) f = 1; // a suite failed to load
  } else if (report.stats) {
    // Playwright
    p = report.stats.expected + (report.stats.flaky ?? 0);
    f = report.stats.unexpected + (report.errors?.length ?? 0);
    s = report.stats.skipped;
  } else {
    continue; // not a test report (e.g. recovery.json, the reconnection figures for the benchmark)
  }
  lines.push(`${file.replace(/\.json$/, '')}: ${p} passed, ${f} failed${s ? `, ${s} skipped` : ''}`);
  passed += p;
  failed += f;
  skipped += s;
}

for (const name of expected) {
  if (!lines.some((line) => line.startsWith(name + ':'))) {
    lines.push(`${name}: no report (the runner did not finish)`);
    failed += 1;
  }
}
for (const line of lines) console.log(line);
if (lines.length === 0) failed += 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);

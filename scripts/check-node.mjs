#!/usr/bin/env node
// Fails with a clear message when this Node is older than package.json's engines.node, before the
// test run meets a cryptic error deep in vite or rolldown. The range may combine `^x.y.z` and
// `>=x.y.z` with `||` (what engines.node uses here); anything else is reported, not guessed.
//   node scripts/check-node.mjs
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const parse = (version) => version.replace(/^v/, '').split('.').map((part) => Number.parseInt(part, 10) || 0);
const compare = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

export function satisfies(version, range) {
  const current = parse(version);
  return range.split('||').some((alternative) => {
    const term = alternative.trim();
    const [, operator, wanted] = /^(\^|>=)\s*(\d+(?:\.\d+){0,2})$/.exec(term) ?? [];
    if (!operator || !wanted) throw new Error(`engines.node term "${term}" is neither ^x.y.z nor >=x.y.z`);
    const minimum = parse(wanted);
    return compare(current, minimum) >= 0 && (operator === '>=' || current[0] === minimum[0]);
  });
}

export const ENGINES_NODE = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).engines?.node;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && ENGINES_NODE && !satisfies(process.version, ENGINES_NODE)) {
  console.error(`Node ${process.version} is too old for the toolchain: package.json engines.node is "${ENGINES_NODE}" (vite 8 and its plugins need it).`);
  process.exitCode = 1;
}

// scripts/check-node.mjs, the first step of npm test: package.json's engines.node range, read the
// way npm reads `^x.y.z || >=x.y.z`.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINES_NODE, satisfies } from '../../scripts/check-node.mjs';
import { ROOT } from './reports';

describe('check-node', () => {
  it('engines.node is the toolchain minimum: 20.19 on the 20 line, 22.12 from there on', () => {
    expect(ENGINES_NODE).toBe('^20.19.0 || >=22.12.0');
    const verdicts = ['v18.20.4', 'v20.18.3', 'v20.19.0', 'v20.20.2', 'v21.7.3', 'v22.11.0', 'v22.12.0', 'v24.1.0'].map((v) => [v, satisfies(v, ENGINES_NODE)]);
    expect(Object.fromEntries(verdicts)).toEqual({
      'v18.20.4': false,
      'v20.18.3': false,
      'v20.19.0': true,
      'v20.20.2': true,
      'v21.7.3': false,
      'v22.11.0': false,
      'v22.12.0': true,
      'v24.1.0': true,
    });
  });

  it('a range it cannot read is an error, not a guess', () => {
    expect(() => satisfies('v20.19.0', '~20.19')).toThrow('engines.node term "~20.19" is neither ^x.y.z nor >=x.y.z');
  });

  it('passes on the Node running the tests', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts/check-node.mjs')], { encoding: 'utf8' });
    expect([run.status, run.stderr]).toEqual([0, '']);
  });
});

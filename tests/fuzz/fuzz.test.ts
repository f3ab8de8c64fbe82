/**
 * A bounded fuzz run in `npm test`: seeded cases of broken manuscripts (bytes, Markdown, front matter,
 * book.yaml) through check, --fix and the HTML build. None may throw, hang, print a stack trace, write
 * outside out/ or leak the sentinel. Longer runs: `npm run fuzz -- --cases N [--seed S]`.
 */
import { describe, expect, it } from 'vitest';
import { replay, runCase, type CaseResult } from './harness.ts';

const SEED = 20261127;
const CASES = 100;

describe('fuzzing check and the HTML build', () => {
  it(`survives ${CASES} broken manuscripts (seed ${SEED})`, async () => {
    const failed: CaseResult[] = [];
    let built = 0;
    for (let index = 0; index < CASES; index++) {
      const result = await runCase(SEED, index);
      if (result.built) built++;
      if (result.failures.length > 0) failed.push(result);
    }
    const report = failed.map((r) => `${replay(r)}\n  ${r.fuzz.mutations.join('\n  ')}\n  -> ${r.failures.join('\n  -> ')}`);
    expect(report).toEqual([]);
    // The run is only meaningful if some broken manuscripts got through the check and into the build.
    expect(built).toBeGreaterThan(CASES / 10);
  });
});

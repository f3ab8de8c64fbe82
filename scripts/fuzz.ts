/**
 * `npm run fuzz -- --cases N [--seed S]`: the long fuzz run (the bounded one is tests/fuzz/fuzz.test.ts;
 * both draw cases from tests/fuzz/generators.ts). `--seed S --case I` replays one case and prints what it did.
 * Prints cases run, failures with the command that replays each, and the time taken; exits 1 on a failure.
 */
import { parseArgs } from 'node:util';
import { replay, runCase, type CaseResult } from '../tests/fuzz/harness.ts';

const { values } = parseArgs({
  options: { cases: { type: 'string', default: '300' }, seed: { type: 'string' }, case: { type: 'string' } },
});
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
const cases = Number(values.cases);
if (!Number.isInteger(seed) || !Number.isInteger(cases) || cases < 1 || (values.case !== undefined && !Number.isInteger(Number(values.case)))) {
  process.stderr.write('fuzz: --cases, --seed and --case take whole numbers\n');
  process.exit(2);
}

// A rejection nobody awaited (a stray promise in a render) fails the case that was running.
let current: CaseResult['failures'] | undefined;
process.on('unhandledRejection', (reason) => current?.push(`unhandled rejection: ${(reason as Error)?.stack ?? String(reason)}`));

async function run(index: number): Promise<CaseResult> {
  const late: string[] = [];
  current = late;
  const result = await runCase(seed, index);
  await new Promise((resolve) => setImmediate(resolve));
  result.failures.push(...late);
  current = undefined;
  return result;
}

function describeFailure(result: CaseResult): string {
  return `${replay(result)}  (${result.ms} ms)\n    ${result.fuzz.mutations.join('\n    ')}\n    -> ${result.failures.join('\n    -> ')}\n`;
}

if (values.case !== undefined) {
  const result = await run(Number(values.case));
  process.stdout.write(`seed ${seed} case ${values.case}: ${result.ms} ms, ${result.built ? 'built' : 'refused by the check'}\n    ${result.fuzz.mutations.join('\n    ')}\n`);
  process.stdout.write(result.failures.length > 0 ? describeFailure(result) : 'no failure\n');
  process.exit(result.failures.length > 0 ? 1 : 0);
}

const started = Date.now();
const failed: CaseResult[] = [];
let built = 0;
let slowest: CaseResult | undefined;
process.stdout.write(`fuzz: ${cases} cases, seed ${seed}\n`);
for (let index = 0; index < cases; index++) {
  const result = await run(index);
  if (result.built) built++;
  if (!slowest || result.ms > slowest.ms) slowest = result;
  if (result.failures.length > 0) {
    failed.push(result);
    process.stdout.write(`FAIL ${describeFailure(result)}`);
  }
  if ((index + 1) % 100 === 0) process.stderr.write(`fuzz: ${index + 1}/${cases} (${((Date.now() - started) / 1000).toFixed(0)} s, ${failed.length} failed)\n`);
}
const seconds = (Date.now() - started) / 1000;
process.stdout.write(
  `fuzz: ${cases} cases (seed ${seed}) in ${seconds.toFixed(1)} s (${((seconds * 1000) / cases).toFixed(0)} ms a case): ` +
    `${built} built the HTML edition, ${cases - built} refused by the check, ${failed.length} failed` +
    `${slowest ? `; slowest case ${slowest.fuzz.index} (${slowest.ms} ms)` : ''}\n`,
);
process.exit(failed.length > 0 ? 1 : 0);

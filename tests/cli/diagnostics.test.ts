/**
 * The build's report of a manuscript's problems stays readable and fast however broken a file is
 * (found by fuzzing: a front matter of 34,000 repeated keys made 68,000 messages and 17 s of report).
 */
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { MAX_REPORTED_PER_FILE, reportProblems } from '../../pipeline/diagnostics.ts';

describe('reportProblems', () => {
  it(`lists ${MAX_REPORTED_PER_FILE} problems per file and counts the rest`, () => {
    const file = new VFile({ path: '/book/chapters/01.md', cwd: '/book' });
    for (let line = 2; line < 50_002; line++) file.message('Invalid YAML: Map keys must be unique', { place: { line, column: 1 }, ruleId: 'yaml-syntax' }).fatal = true;
    const report = reportProblems([file]);
    expect(report.match(/Map keys must be unique/g)).toHaveLength(MAX_REPORTED_PER_FILE);
    expect(report).toContain(`…and ${50_000 - MAX_REPORTED_PER_FILE} more problems in this file`);
    expect(file.messages).toHaveLength(50_000);
  });
});

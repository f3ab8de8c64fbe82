/**
 * VFile messages -> Diagnostics, and the exit code they imply. The one place that decides what counts
 * as an error, so `check` and `build` agree.
 */
import { relative } from 'node:path';
import { VFile } from 'vfile';
import reporter from 'vfile-reporter';
import type { VFileMessage } from 'vfile-message';
import type { Diagnostic, Severity } from './book/types.ts';

export function severityOf(message: VFileMessage): Severity {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info';
}

export function toDiagnostics(files: VFile[], cwd = process.cwd()): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const file of files) {
    const name = file.path ? relative(cwd, file.path) || file.path : '<stdin>';
    for (const message of file.messages) {
      const start = message.place && 'start' in message.place ? message.place.start : message.place;
      const end = message.place && 'end' in message.place ? message.place.end : start;
      out.push({
        file: name,
        line: start?.line ?? 1,
        column: start?.column ?? 1,
        endLine: end?.line ?? start?.line ?? 1,
        endColumn: end?.column ?? start?.column ?? 1,
        severity: severityOf(message),
        ruleId: message.ruleId ?? 'folio',
        message: message.reason,
        fixable: Boolean((message as VFileMessage & { fixable?: boolean }).fixable),
      });
    }
  }
  return out;
}

export function hasErrors(files: VFile[], strict = false): boolean {
  return files.some((file) => file.messages.some((m) => m.fatal === true || (strict && m.fatal === false)));
}

/**
 * Beyond this many problems in one file the rest are counted, not listed: a file broken throughout (found
 * by fuzzing: 34,000 repeated front matter keys) made 68,000 messages, 10 MB and 17 s of report.
 */
export const MAX_REPORTED_PER_FILE = 100;

/** vfile-reporter's report of the errors and warnings only (infos such as planned chapters are left out). */
export function reportProblems(files: VFile[]): string {
  const problems = files
    .map((file) => {
      const copy = new VFile({ path: file.path, cwd: file.cwd });
      const shown = file.messages.filter((message) => severityOf(message) !== 'info');
      copy.messages = shown.slice(0, MAX_REPORTED_PER_FILE);
      if (shown.length > MAX_REPORTED_PER_FILE) {
        const rest = shown.length - MAX_REPORTED_PER_FILE;
        copy.message(`…and ${rest} more problems in this file (\`folio check\` lists them all)`, { ruleId: 'more', source: 'folio' }).fatal = true;
      }
      return copy;
    })
    .filter((file) => file.messages.length > 0);
  return problems.length > 0 ? reporter(problems, { quiet: true }) : '';
}

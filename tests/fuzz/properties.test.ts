/**
 * Properties of the two commands that rewrite an author's text: `folio check --fix` and `folio import`.
 * Neither may lose a character of Chinese text. Seeded, so a failure reproduces; fast-check prints the
 * shrunk counterexample and the seed/path to replay it.
 */
import fc from 'fast-check';
import { VFile } from 'vfile';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkFiles } from '../../pipeline/check/engine.ts';
import { fixMarkdown, fixText } from '../../pipeline/check/fix.ts';
import { loadBook } from '../../pipeline/book/load.ts';
import { importExport, importIntoBook, plannedChapters, type PlannedChapter } from '../../pipeline/import/index.ts';
import { generatedChapter, hanziOf, mutatedChapter, mutatedExport, REPORT_TITLE } from './generators.ts';

const SEED = 20261127;
const RUNS = 200;
const PATH = new URL('../fixtures/check/snippet.md', import.meta.url).pathname;

const file = (value: string) => new VFile({ path: PATH, value });
/** The rules whose fixes move text (a split paragraph's second half past the notes) or delete it (a typed contents list). */
const MOVING_RULES = { 'page-break-split': 'off', 'no-typed-toc': 'off' } as const;

function counts(text: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const char of hanziOf(text)) map.set(char, (map.get(char) ?? 0) + 1);
  return map;
}

/** Every hanzi of `part` is in `whole`, as many times. */
function includedIn(part: string, whole: string): boolean {
  const available = counts(whole);
  return [...counts(part)].every(([char, n]) => (available.get(char) ?? 0) >= n);
}

function isSubsequence(part: string, whole: string): boolean {
  let at = 0;
  for (const char of part) {
    at = whole.indexOf(char, at);
    if (at < 0) return false;
    at += char.length;
  }
  return true;
}

describe('folio check --fix', () => {
  it('keeps the hanzi sequence, is idempotent, and leaves a file with nothing to fix byte-identical', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(generatedChapter, mutatedChapter), async (text) => {
        const fixed = await fixMarkdown(file(text));
        // Only the structural fixes may move or remove text; without them the hanzi are exactly the same.
        expect(hanziOf(fixText(file(text), { rules: MOVING_RULES }))).toBe(hanziOf(text));
        // With them, hanzi move (never vanish) unless a typed contents list was removed.
        const messages = checkFiles([file(text)])[0]!.messages;
        if (!messages.some((m) => m.ruleId === 'no-typed-toc')) expect(includedIn(text, fixed) && includedIn(fixed, text)).toBe(true);
        expect(await fixMarkdown(file(fixed))).toBe(fixed);
        if (!messages.some((m) => m.edits && m.edits.length > 0)) expect(fixed).toBe(text);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

/** An imported chapter's text: what moved out of the body (metadata values, notes) and the body. */
function writtenParts(chapter: string): { moved: string[]; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(chapter);
  if (!match) return { moved: [], body: chapter };
  const front = (parse(match[1]!) ?? {}) as { title?: string; subtitle?: string; authors?: string[]; keywords?: string[] };
  const rest = match[2]!;
  const abstract = /:::abstract\n([\s\S]*?)\n:::/.exec(rest)?.[1] ?? '';
  const bios = /:::bios\n([\s\S]*?)\n:::/.exec(rest)?.[1] ?? '';
  const notes = rest.match(/^\[\^\d+\]: .*$/gm) ?? [];
  const body = rest
    .replace(/:::abstract\n[\s\S]*?\n:::/, '')
    .replace(/:::bios\n[\s\S]*?\n:::/, '')
    .replace(/^\[\^\d+\]: .*$/gm, '');
  const moved = [front.title ?? '', front.subtitle ?? '', (front.authors ?? []).join(' '), abstract, (front.keywords ?? []).join(' '), bios, ...notes];
  return { moved, body };
}

/** The labels the import drops when it moves what they label into the metadata (a split line may cut them). */
const LABELS = /【\s*摘\s*要\s*】|【\s*关\s*键\s*词\s*】|作\s*者\s*简\s*介/g;

describe('folio import', () => {
  it('keeps every hanzi of the report and the order of its body, or reports a clear problem', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedExport, async ({ text }) => {
        const result = await importExport(text);
        const errors = result.notes.filter((n) => n.level === 'error');
        if (errors.length > 0) {
          for (const error of errors) expect(error.message).toMatch(/\S/);
          return;
        }
        const report = text.slice(text.indexOf(REPORT_TITLE)).replace(LABELS, '');
        const chapters = result.files.filter((f) => f.path.startsWith('chapters/')).map((f) => writtenParts(f.text));
        expect(chapters.length).toBeGreaterThan(0);
        const moved = chapters.flatMap((c) => c.moved).map((m) => m.replace(LABELS, ''));
        const body = hanziOf(chapters.map((c) => c.body.replace(LABELS, '')).join('\n'));
        expect(includedIn(report, [...moved, body].join('\n')), 'every hanzi of the report is in the chapter').toBe(true);
        // Nothing lost, and the body in the report's order: metadata and notes only moved out of it.
        expect(isSubsequence(body, hanziOf(report)), 'the body keeps the order of the report').toBe(true);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  describe('--into', () => {
    const MANUSCRIPT = new URL('../../manuscript', import.meta.url).pathname;
    let bookYaml: string;
    let chapters: PlannedChapter[];
    beforeAll(async () => {
      const { book } = await loadBook(MANUSCRIPT);
      bookYaml = String(book!.metaFile.value);
      chapters = plannedChapters(book!);
    });

    it('keeps every entry of the plan: each stays as it was, or names a chapter file the import wrote', async () => {
      await fc.assert(
        fc.asyncProperty(mutatedExport, async ({ text }) => {
          const result = await importIntoBook(text, { bookYaml, chapters, files: new Set() }, true);
          const written = new Set(result.files.map((f) => f.path));
          const plan = (parse(result.files.find((f) => f.path === 'book.yaml')!.text) as { chapters: Array<{ file?: string; title?: string }> }).chapters;
          expect(plan.length).toBeGreaterThanOrEqual(chapters.length);
          chapters.forEach((chapter, i) => {
            const entry = plan[i]!;
            if (chapter.path) expect(entry.file, `entry ${i + 1}, written before`).toBe(chapter.path);
            else if (entry.file) expect(written.has(entry.file), `entry ${i + 1}: ${entry.file} written`).toBe(true);
            else expect(entry.title, `entry ${i + 1}, untouched`).toBe(chapter.title);
          });
          for (const entry of plan.slice(chapters.length)) expect(written.has(entry.file!), `appended ${entry.file} written`).toBe(true);
        }),
        { seed: SEED, numRuns: RUNS },
      );
    });
  });
});

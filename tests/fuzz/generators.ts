/**
 * Inputs for the property tests and the fuzzer, shared by tests/fuzz/*.test.ts and scripts/fuzz.ts.
 *
 * Property inputs are fast-check arbitraries (they shrink to a minimal counterexample). Fuzz cases come
 * from a small seeded PRNG instead: a case is a pure function of (seed, case number), so a failure
 * printed as `--seed S --case N` rebuilds exactly the same manuscript without replaying the cases before it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';

const ROOT = join(import.meta.dirname, '../..');
export const MINI = join(ROOT, 'tests/fixtures/books/mini');
export const REAL_CHAPTER = join(ROOT, 'manuscript/chapters/01-county-political-ecology.md');
export const SEED_EXPORT = join(ROOT, 'tests/fixtures/import/seed-word-export.txt');
/** The report's title line: the export's report body starts here (after the front pages and contents). */
export const REPORT_TITLE = '# 乐山市净化县域政治生态的实践探索与对策研究';

export const hanziOf = (text: string): string => (text.match(/\p{Script=Han}/gu) ?? []).join('');

// ---------------------------------------------------------------------------------------------------
// Property inputs: chapter Markdown

const chapterText = readFileSync(REAL_CHAPTER, 'utf8');
const chapterBody = chapterText.replace(/^---\n[\s\S]*?\n---\n/, '');
/** The real chapter's blocks (paragraphs, headings, directives, note definitions), as written. */
export const REAL_BLOCKS = chapterBody.split(/\n{2,}/).filter((block) => block.trim() !== '');
const REAL_LINES = chapterBody.split('\n');
const HANZI = [...new Set(hanziOf(chapterBody))];

const hanziRun = fc.array(fc.constantFrom(...HANZI), { minLength: 1, maxLength: 12 }).map((cs) => cs.join(''));
const token = fc.oneof(
  { weight: 6, arbitrary: hanziRun },
  {
    weight: 4,
    arbitrary: fc.constantFrom(',', ';', ':', '!', '?', '(', ')', '.', '"', "'", '--', '...', '。。。', '···', '２０２３', '，', '。', '、', '；', '：', '“', '”', '‘', '’', '（', '）', '——', '……', '—', '-', '·', '！', '？'),
  },
  { weight: 2, arbitrary: fc.constantFrom('2019', '12', '0', '57.4%', '3.14', '１２', 'ＡＢ', '6+X', '1、', '（1）', '(2)') },
  { weight: 2, arbitrary: fc.constantFrom('Word', 'GDP', 'iPhone', 'PDF', 'e-mail', 'Paged.js', 'CIP') },
  { weight: 1, arbitrary: fc.constantFrom('https://example.com/a?b=1,2', 'www.xnjdcbs.com', 'http://x.cn/路径', 'a.b@c.cn') },
  { weight: 2, arbitrary: fc.constantFrom(' ', '  ', '\u3000', '\t') },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }).map((n) => `[^${n}]`) },
  { weight: 1, arbitrary: fc.tuple(hanziRun, hanziRun).map(([a, b]) => `《${a}、${b}》`) },
  { weight: 1, arbitrary: hanziRun.map((a) => `《${a}》`) },
  { weight: 1, arbitrary: hanziRun.map((a) => `“${a}”`) },
  { weight: 1, arbitrary: hanziRun.map((a) => `"${a}"`) },
  { weight: 1, arbitrary: fc.constantFrom('错误!未定义书签。', '`代码,`', '**重点**', '*强调*') },
);
/** A generated Chinese sentence with everything the safe fixes look at. */
export const sentence = fc.array(token, { minLength: 1, maxLength: 24 }).map((ts) => ts.join(''));

const numbering = fc.constantFrom('', '一、', '二、', '(二)', '（一）、', '（一）', '(1)', '（2）', '1、', '2.', '3．', '十一、');
const generatedBlock = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(fc.constantFrom('', '\u3000\u3000', '  '), sentence).map(([indent, s]) => indent + s) },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 5 }), numbering, sentence).map(([depth, n, s]) => `${'#'.repeat(depth)} ${n}${s}`) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 4 }), sentence).map(([n, s]) => `[^${n}]: ${s}`) },
  { weight: 1, arbitrary: fc.tuple(numbering, sentence).map(([n, s]) => `${n}${s}`) },
  { weight: 1, arbitrary: fc.array(sentence, { minLength: 1, maxLength: 3 }).map((ss) => ss.map((s) => `- ${s}`).join('\n')) },
  { weight: 1, arbitrary: sentence.map((s) => `> ${s}`) },
  { weight: 1, arbitrary: fc.tuple(sentence, sentence).map(([a, b]) => `| ${a} | ${b} |\n| --- | --- |\n| ${b} | ${a} |`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('abstract', 'bios'), sentence).map(([name, s]) => `:::${name}\n${s}\n:::`) },
  { weight: 4, arbitrary: fc.constantFrom(...REAL_BLOCKS) },
);

const frontMatter = fc.constantFrom('', '---\ntitle: 乐山市净化县域政治生态的实践探索与对策研究\nauthors: [殷婕, 毛丹]\nkeywords: [从严治党]\n---\n\n');

/** How the whole file is written down: line endings and a BOM, as Word and editors leave them. */
const dress = (text: string, crlf: boolean, bom: boolean) => (bom ? '\uFEFF' : '') + (crlf ? text.replace(/\n/g, '\r\n') : text);

export const generatedChapter = fc
  .tuple(frontMatter, fc.array(generatedBlock, { minLength: 1, maxLength: 8 }), fc.boolean(), fc.boolean(), fc.constantFrom('\n', '', '\n\n'))
  .map(([front, blocks, crlf, bom, end]) => dress(front + blocks.join('\n\n') + end, crlf, bom));

type LineMutation = { kind: 'delete' | 'duplicate' | 'swap'; at: number; other: number } | { kind: 'insert'; at: number; column: number; text: string };

const lineMutation: fc.Arbitrary<LineMutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const, 'swap' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    column: fc.nat(),
    text: fc.oneof(token, fc.string({ unit: 'grapheme', maxLength: 3 }), fc.constantFrom('\n', '\n\n', '#', '[^', ']', '*', '`', '\\', '>', '|', '\u3000', '\uFEFF', '\r')),
  }),
);

function mutateLines(lines: string[], mutations: LineMutation[]): string[] {
  const out = [...lines];
  for (const m of mutations) {
    if (out.length === 0) break;
    const at = m.at % out.length;
    if (m.kind === 'delete') out.splice(at, 1);
    else if (m.kind === 'duplicate') out.splice(at, 0, out[at]!);
    else if (m.kind === 'swap') {
      const other = m.other % out.length;
      [out[at], out[other]] = [out[other]!, out[at]!];
    } else if (m.kind === 'insert') {
      const line = out[at]!;
      const column = m.column % (line.length + 1);
      out[at] = line.slice(0, column) + m.text + line.slice(column);
    }
  }
  return out;
}

/** A window of the real chapter (whole files are slow to check 200 times) with lines deleted, duplicated, swapped, and characters inserted. */
export const mutatedChapter = fc
  .tuple(fc.nat(), fc.integer({ min: 4, max: 40 }), fc.array(lineMutation, { minLength: 1, maxLength: 6 }), frontMatter, fc.boolean(), fc.boolean())
  .map(([start, length, mutations, front, crlf, bom]) => {
    const from = start % REAL_LINES.length;
    const window = REAL_LINES.slice(from, from + length);
    return dress(front + mutateLines(window, mutations).join('\n'), crlf, bom);
  });

// ---------------------------------------------------------------------------------------------------
// Property inputs: Word exports

const seedLines = readFileSync(SEED_EXPORT, 'utf8').split('\n');
export const TITLE_LINE = seedLines.indexOf(REPORT_TITLE);
/** Lines of the report the mutations leave alone: the title, the authors line (what makes it a report). */
const FIXED_HEAD = 3;
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩';

export type ExportMutation =
  | { kind: 'delete' | 'duplicate' | 'blank'; at: number }
  | { kind: 'split'; at: number; column: number }
  | { kind: 'note'; at: number; mark: number; text: string };

const exportMutation: fc.Arbitrary<ExportMutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const, 'blank' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('split' as const), at: fc.nat(), column: fc.nat() }),
  fc.record({ kind: fc.constant('note' as const), at: fc.nat(), mark: fc.nat({ max: CIRCLED.length - 1 }), text: sentence }),
);

export interface MutatedExport {
  text: string;
  /** What was done to the seed, printed for a counterexample instead of the whole export. */
  recipe: string;
  [fc.toStringMethod]: () => string;
}

/** The seed export with its report body cut to `length` lines from `start`, then mutated (what `mutatedExport` draws). */
export function buildExport(start: number, length: number, mutations: ExportMutation[]): MutatedExport {
  const head = seedLines.slice(0, TITLE_LINE + FIXED_HEAD);
  const rest = seedLines.slice(TITLE_LINE + FIXED_HEAD);
  const bios = rest.findIndex((line) => line.startsWith('作者简介'));
  const body = rest.slice(0, bios);
  const from = Math.max(4, start % body.length);
  // The abstract and keywords (the first 4 lines) stay, then the window, then the bios.
  const lines = [...body.slice(0, 4), ...body.slice(from, from + length), '', ...rest.slice(bios)];
  for (const m of mutations) {
    const at = m.at % lines.length;
    if (m.kind === 'delete') lines.splice(at, 1);
    else if (m.kind === 'duplicate') lines.splice(at, 0, lines[at]!);
    else if (m.kind === 'blank') lines.splice(at, 0, '');
    else if (m.kind === 'split') {
      const line = lines[at]!;
      const column = m.column % (line.length + 1);
      lines.splice(at, 1, line.slice(0, column), line.slice(column));
    } else if (m.kind === 'note') lines.splice(at, 0, `${CIRCLED[m.mark]} ${m.text}`);
  }
  const recipe = `buildExport(${from}, ${length}, ${JSON.stringify(mutations)})`;
  return { text: [...head, ...lines].join('\n'), recipe, [fc.toStringMethod]: () => recipe };
}

/**
 * The seed export, its report body cut to a window of paragraphs (the whole report is slow to import 200
 * times) and mutated: lines deleted, duplicated, split in two, blank lines and ①②③ note lines inserted.
 */
export const mutatedExport: fc.Arbitrary<MutatedExport> = fc
  .tuple(fc.nat(), fc.integer({ min: 6, max: 60 }), fc.array(exportMutation, { minLength: 1, maxLength: 8 }))
  .map(([start, length, mutations]) => buildExport(start, length, mutations));

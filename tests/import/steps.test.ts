/**
 * One loop over tests/fixtures/import/<step>/<case>/input.txt: each step's result, rendered as Markdown
 * (plus its notes), must match expected.md next to it. `npx vitest run tests/import -u` rewrites them.
 */
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { anchorNotes } from '../../pipeline/import/anchor-notes.ts';
import { toBlocks } from '../../pipeline/import/blocks.ts';
import { readChapterMeta } from '../../pipeline/import/chapter-meta.ts';
import { parseContents } from '../../pipeline/import/contents.ts';
import { readFrontMatter } from '../../pipeline/import/front-matter.ts';
import { relevelHeadings } from '../../pipeline/import/headings.ts';
import { joinParagraphs } from '../../pipeline/import/join-paragraphs.ts';
import { liftNotes } from '../../pipeline/import/lift-notes.ts';
import { slugOf } from '../../pipeline/import/slug.ts';
import { splitSections } from '../../pipeline/import/sections.ts';
import type { Block, Note } from '../../pipeline/import/types.ts';
import { blockMarkdown, writeChapter } from '../../pipeline/import/write-chapter.ts';

const FIXTURES = new URL('../fixtures/import/', import.meta.url).pathname;

const markdown = (blocks: Block[]) => blocks.map(blockMarkdown).join('\n\n');
const render = (result: string, notes: Note[]) =>
  `${result.trimEnd()}\n\n<!-- notes\n${notes.map((n) => `${n.line ?? '-'} ${n.level}: ${n.message}`).join('\n')}\n-->\n`;

const STEPS: Record<string, (input: string) => string> = {
  'front-matter': (input) => {
    const sections = splitSections(toBlocks(input)).value;
    const { value, notes } = readFrontMatter(sections.pages);
    return render(stringify(value, { lineWidth: 0 }), notes);
  },
  contents: (input) => {
    const { value, notes } = parseContents(toBlocks(input));
    return render(stringify(value, { lineWidth: 0 }), notes);
  },
  'chapter-meta': (input) => {
    const { value, notes } = readChapterMeta(toBlocks(input));
    return render(writeChapter(value.meta, value.body, []), notes);
  },
  'lift-notes': (input) => {
    const { value, notes } = liftNotes(toBlocks(input));
    return render(`${markdown(value.body)}\n\n${stringify(value.notes, { lineWidth: 0 })}`, notes);
  },
  'join-paragraphs': (input) => {
    const { value, notes } = joinParagraphs(toBlocks(input));
    return render(markdown(value), notes);
  },
  headings: (input) => {
    const { value, notes } = relevelHeadings(toBlocks(input));
    return render(markdown(value), notes);
  },
  slug: (input) => render(input.trim().split('\n').map((title) => `${slugOf(title)}  ${title}`).join('\n'), []),
  // Anchoring runs on the body the earlier steps leave: notes lifted, cut paragraphs joined.
  'anchor-notes': (input) => {
    const lifted = liftNotes(toBlocks(input)).value;
    const joined = joinParagraphs(lifted.body).value;
    const { value, notes } = anchorNotes(joined, lifted.notes);
    const definitions = value.footnotes.map((f) => `[^${f.label}]: ${f.text}`).join('\n\n');
    return render(`${markdown(value.body)}\n\n${definitions}`, notes);
  },
};

const dirs = (path: string) => readdirSync(path, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

describe('import steps', () => {
  for (const step of dirs(FIXTURES)) {
    const run = STEPS[step];
    it(`has a runner for fixtures/import/${step}`, () => expect(run).toBeDefined());
    if (!run) continue;
    for (const name of dirs(join(FIXTURES, step))) {
      it(`${step}: ${name}`, async () => {
        const input = await readFile(join(FIXTURES, step, name, 'input.txt'), 'utf8');
        await expect(run(input)).toMatchFileSnapshot(join(FIXTURES, step, name, 'expected.md'));
      });
    }
  }
});

/**
 * Step 2: blocks -> the parts of the export: the front-matter pages (title page, CIP, pinyin title page,
 * copyright page; separated by `---`), the typed contents list, and the reports (each opens with a `#`).
 */
import { isContentsEntryStart } from './contents.ts';
import type { Block, StepResult } from './types.ts';

export interface Sections {
  /** Front-matter pages, one block list per page. */
  pages: Block[][];
  contents: Block[];
  reports: Block[][];
}

export function splitSections(blocks: Block[]): StepResult<Sections> {
  const firstEntry = blocks.findIndex((b) => b.kind === 'paragraph' && isContentsEntryStart(b.text));
  const lastBreak = blocks.map((b) => b.kind).lastIndexOf('break');
  const bodyFrom = firstEntry >= 0 ? firstEntry : lastBreak + 1;
  const firstReport = blocks.findIndex((b, i) => i >= bodyFrom && b.kind === 'heading' && b.depth === 1);
  const frontEnd = firstEntry >= 0 ? firstEntry : firstReport >= 0 ? firstReport : blocks.length;

  const pages: Block[][] = [[]];
  for (const block of blocks.slice(0, frontEnd)) {
    if (block.kind === 'break') pages.push([]);
    else pages.at(-1)!.push(block);
  }
  const contents = firstEntry >= 0 ? blocks.slice(firstEntry, firstReport >= 0 ? firstReport : blocks.length) : [];
  const reports: Block[][] = [];
  if (firstReport >= 0) {
    for (const block of blocks.slice(firstReport)) {
      if (block.kind === 'heading' && block.depth === 1) reports.push([]);
      reports.at(-1)!.push(block);
    }
  }
  const notes = reports.length === 0 ? [{ level: 'error' as const, message: 'Unexpected export without a report, expected a `#` title after the contents list' }] : [];
  return { value: { pages: pages.filter((p) => p.length > 0), contents, reports }, notes };
}

/**
 * The mini book with links between its reports and to headings: chapter 1 links to its own heading, to
 * chapter 2 and to a heading of chapter 2; chapter 2 links back to chapter 1. The mini fixture itself has
 * none, because the benchmark generator and the hostile cases rewrite its chapters under other names.
 */
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from './io.ts';

export const CROSS_LINKS = {
  /** Targets by the text a link's description (PDF) or the heading (HTML, EPUB) shows. */
  ownHeading: '一、净化县域政治生态的重大意义',
  otherHeading: '（一）网格化管理',
} as const;

async function append(file: string, paragraph: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  // Before the notes' definitions and bios, after the text: the last heading's section.
  const end = text.search(/\n(?::::bios|\[\^)/);
  await writeFile(file, `${text.slice(0, end)}\n\n${paragraph}\n${text.slice(end)}`);
}

/** Copies the mini book to `dir` and adds the links. */
export async function miniWithCrossLinks(dir: string): Promise<string> {
  await rm(dir, { recursive: true, force: true });
  await cp(join(ROOT, 'tests/fixtures/books/mini'), dir, { recursive: true });
  await append(
    join(dir, 'chapters/01-political-ecology.md'),
    '其重大意义见[上文](#一净化县域政治生态的重大意义)；社区一级的做法见本书[《乡镇社区微治理路径探索》](02-community.md)，特别是其中的[网格化管理](02-community.md#一网格化管理)。',
  );
  await append(join(dir, 'chapters/02-community.md'), '这些做法回应了[县域政治生态建设](01-political-ecology.md)的要求。');
  return dir;
}

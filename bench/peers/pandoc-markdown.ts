/**
 * The text pandoc converts: the manuscript's chapters concatenated into one Markdown file, front
 * matter stripped (its title becomes the chapter's `#` heading), footnote ids prefixed per chapter
 * because pandoc's ids are per document and every chapter has a `[^1]`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { readManuscript, type SourceManuscript } from '../generate-book.ts';

export function pandocMarkdown(source: SourceManuscript): string {
  const title = String((parseDocument(source.bookYaml).toJS() as { title?: string }).title ?? '');
  const chapters = source.chapters.map((chapter, index) => {
    const text = chapter.markdown.replace(/\r\n?/g, '\n');
    const front = /^---\n([\s\S]*?)\n---\n/.exec(text);
    const meta = front ? ((parseDocument(front[1]!).toJS() as { title?: string } | null) ?? {}) : {};
    const body = text.slice(front ? front[0].length : 0).replace(/\[\^([^\]\s]+)\]/g, (_, id: string) => `[^c${index + 1}-${id}]`);
    return `# ${meta.title ?? chapter.path}\n\n${body.trim()}\n`;
  });
  return `---\ntitle: "${title.replace(/"/g, '\\"')}"\nlang: zh-Hans\n---\n\n${chapters.join('\n')}`;
}

/** Writes `<outDir>/book.md` for the manuscript and returns its path. */
export async function writePandocMarkdown(manuscriptDir: string, outDir: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const path = join(outDir, 'book.md');
  await writeFile(path, pandocMarkdown(await readManuscript(manuscriptDir)));
  return path;
}

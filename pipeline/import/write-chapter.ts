/**
 * Step 11: chapter metadata, body and footnotes -> the chapter file (see README, "The manuscript format"):
 * YAML front matter, :::abstract, the body, :::bios, then the footnote definitions.
 */
import { Document, isScalar, visit } from 'yaml';
import type { Block, ChapterMeta, Footnote } from './types.ts';

export function writeChapter(meta: ChapterMeta, body: Block[], footnotes: Footnote[]): string {
  const front: Record<string, unknown> = { title: meta.title };
  if (meta.subtitle) front.subtitle = meta.subtitle;
  front.authors = meta.authors;
  front.keywords = meta.keywords;
  const parts = [`---\n${flowYaml(front)}---`];
  if (meta.abstract) parts.push(`:::abstract\n${meta.abstract}\n:::`);
  parts.push(...body.map(blockMarkdown));
  if (meta.bios.length > 0) parts.push(`:::bios\n${meta.bios.join('\n\n')}\n:::`);
  for (const note of footnotes) parts.push(`[^${note.label}]: ${note.text}`);
  return `${parts.join('\n\n')}\n`;
}

export function blockMarkdown(block: Block): string {
  if (block.kind === 'heading') return `${'#'.repeat(block.depth ?? 2)} ${block.text}`;
  if (block.kind === 'break') return '---';
  return block.text.replace(/^[\s\u3000]+/, '').replace(/\s+$/, '');
}

/** Short lists of plain values on one line (`authors: [殷婕, 毛丹]`), as editors write them by hand. */
const FLOW_WIDTH = 60;

export function flowYaml(value: unknown, comment?: string): string {
  const doc = new Document(value);
  visit(doc, {
    Seq(_, node) {
      if (node.items.every(isScalar) && node.items.map((item) => String(item.value)).join(', ').length <= FLOW_WIDTH) node.flow = true;
    },
  });
  if (comment) doc.commentBefore = comment;
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

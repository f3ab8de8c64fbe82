/**
 * Step 5: a report's opening and closing matter -> chapter metadata: the `#` title, an optional
 * ——subtitle (on a line of its own, or after the title on its line), the author line, 【摘要】, 【关键词】 (split on spaces or one separator) and the 作者简介 bios.
 * What remains is the body.
 */
import type { Block, ChapterMeta, Note, StepResult } from './types.ts';

const ABSTRACT = /^【摘\s*要】[:：]?\s*/;
const KEYWORDS = /^【关\s*键\s*词】[:：]?\s*/;
const BIOS = /^作者简介[:：]?\s*/;

export interface ChapterParts {
  meta: ChapterMeta;
  body: Block[];
}

export function readChapterMeta(report: Block[]): StepResult<ChapterParts> {
  const notes: Note[] = [];
  const [heading, ...rest] = report;
  const meta: ChapterMeta = { title: heading!.text.trim(), authors: [], keywords: [], bios: [] };
  let i = 0;
  const next = () => rest[i];
  if (next()?.kind === 'paragraph' && /^——/.test(next()!.text)) {
    meta.subtitle = rest[i++]!.text.replace(/^——\s*/, '').trim();
  } else {
    // Title and subtitle on the title's one line, as Word often has them: 乡镇社区微治理路径探索——以井研县研经社区为例
    const dash = meta.title.indexOf('——');
    const title = meta.title.slice(0, Math.max(dash, 0)).trim();
    const subtitle = meta.title.slice(dash + 2).trim();
    if (dash > 0 && title && subtitle) {
      Object.assign(meta, { title, subtitle });
      notes.push({ level: 'changed', line: heading!.line, message: `Subtitle split off the title: 《${title}》 ——${subtitle}` });
    }
  }
  if (next()?.kind === 'paragraph' && isAuthorLine(next()!.text)) {
    meta.authors = names(rest[i]!.text);
    notes.push({ level: 'changed', line: rest[i]!.line, message: `Author line moved into the front matter: ${meta.authors.join(', ')}` });
    i++;
  }
  const body: Block[] = [];
  let inBios = false;
  for (const block of rest.slice(i)) {
    if (block.kind !== 'paragraph') {
      inBios = false;
      body.push(block);
    } else if (ABSTRACT.test(block.text) && meta.abstract === undefined) {
      meta.abstract = block.text.replace(ABSTRACT, '').trim();
      notes.push({ level: 'changed', line: block.line, message: '【摘要】 moved into :::abstract' });
    } else if (KEYWORDS.test(block.text) && meta.keywords.length === 0) {
      meta.keywords = names(block.text.replace(KEYWORDS, ''));
      notes.push({ level: 'changed', line: block.line, message: `【关键词】 moved into the front matter: ${meta.keywords.join(', ')}` });
    } else if (BIOS.test(block.text)) {
      inBios = true;
      const first = block.text.replace(BIOS, '').trim();
      if (first) meta.bios.push(first);
      notes.push({ level: 'changed', line: block.line, message: '作者简介 moved into :::bios' });
    } else if (inBios) {
      meta.bios.push(block.text.trim());
    } else {
      body.push(block);
    }
  }
  const withoutBio = meta.authors.filter((a) => !meta.bios.some((bio) => bio.startsWith(a)));
  if (meta.bios.length > 0 && withoutBio.length > 0) {
    notes.push({ level: 'review', line: heading!.line, message: `No 作者简介 bio for ${withoutBio.join(', ')} (${meta.bios.length} bios for ${meta.authors.length} authors)` });
  }
  if (meta.abstract === undefined) notes.push({ level: 'review', line: heading!.line, message: 'No 【摘要】 found for this report' });
  return { value: { meta, body }, notes };
}

/** A line of two to twenty short names: no punctuation, each name 2–6 characters. */
function isAuthorLine(text: string): boolean {
  const parts = names(text);
  return !/[。，；：！？]/.test(text) && parts.length >= 1 && parts.length <= 20 && parts.every((p) => /^[\p{Script=Han}·]{2,6}$/u.test(p));
}

function names(text: string): string[] {
  return text.split(/[\s,，、;；]+/).filter(Boolean);
}

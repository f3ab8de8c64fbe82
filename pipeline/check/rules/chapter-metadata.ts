import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { parse } from 'yaml';
import { report } from '../report.ts';
import type { ChapterRule, RuleContext } from '../types.ts';

const id = 'chapter-metadata';
const SEPARATOR = /[\s，,；;、]/;

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export const chapterMetadata: ChapterRule = {
  kind: 'chapter',
  id,
  description: 'A chapter has a title, authors, an :::abstract and keywords, each well-formed',
  severity: 'error',
  fixable: false,
  docs: {
    flags: ['---\ntitle: 县域政治生态\nkeywords: [从严治党 县域政治生态]\n---\n\n【摘要】党的十九大提出……'],
    accepts: ['---\ntitle: 县域政治生态\nauthors: [殷婕, 毛丹]\nkeywords: [从严治党, 县域政治生态]\n---\n\n:::abstract\n党的十九大提出……\n:::'],
  },
  plugin: (context: RuleContext) => (tree: Root, file: VFile) => {
    // A raw export or stray Markdown file carries no chapter metadata to check.
    if (context.loose) return;
    const yaml = tree.children.find((node) => node.type === 'yaml');
    const at = yaml?.position?.start.offset ?? 0;
    const yamlEnd = yaml?.position?.end.offset ?? 0;
    // The loader has validated the front matter of a book's chapter; a single file is parsed here.
    let front: Record<string, unknown> = { ...file.data.frontMatter };
    if (!file.data.frontMatter) {
      try {
        // logLevel error: a warning (an unknown `!!tag`) must not be printed on the user's stderr (found by fuzzing).
        front = (yaml && (parse(yaml.value, { logLevel: 'error' }) as Record<string, unknown> | null)) || {};
      } catch {
        return; // the loader reports YAML syntax
      }
    }
    const missing = (what: string, expected: string) => report(file, id, `Unexpected chapter without ${what}, expected ${expected}`, at, yamlEnd);
    if (typeof front.title !== 'string' || front.title.trim() === '') missing('a title', '`title:` in the front matter');
    if (list(front.authors).length === 0) missing('authors', '`authors: [name, …]` in the front matter');
    const keywords = list(front.keywords);
    if (keywords.length === 0) missing('keywords', '`keywords: [word, …]` in the front matter');
    for (const keyword of keywords) {
      if (SEPARATOR.test(keyword.trim())) {
        report(file, id, `Unexpected keyword \`${keyword}\` holding several, expected one keyword per list item`, at, yamlEnd);
      }
    }
    const abstracts = tree.children.filter((node) => node.type === 'containerDirective' && node.name === 'abstract');
    if (abstracts.length === 0) missing('an abstract', 'a `:::abstract` block after the front matter');
    for (const extra of abstracts.slice(1)) {
      const start = extra.position?.start.offset ?? 0;
      report(file, id, 'Unexpected second `:::abstract`, expected one per chapter', start, start + 11);
    }
    const abstract = abstracts[0];
    if (abstract && toString(abstract).trim() === '') {
      const start = abstract.position?.start.offset ?? 0;
      report(file, id, 'Unexpected empty `:::abstract`, expected the abstract text', start, start + 11);
    }
    for (const node of tree.children) {
      if (node.type !== 'paragraph') continue;
      const label = /^【(摘\s*要|关\s*键\s*词)】/.exec(toString(node));
      const start = node.position?.start.offset;
      if (!label || start === undefined) continue;
      const expected = label[1]!.startsWith('摘') ? 'a `:::abstract` block' : '`keywords:` in the front matter';
      report(file, id, `Unexpected \`${label[0]}\` paragraph, expected ${expected}`, start, start + label[0].length);
    }
    if (typeof front.title === 'string') {
      const repeated = tree.children.find((node) => node.type === 'heading' && node.depth === 1 && toString(node).trim() === String(front.title).trim());
      const start = repeated?.position?.start.offset;
      if (start !== undefined) report(file, id, 'Unexpected chapter title repeated as a `#` heading, expected it only in the front matter', start, repeated?.position?.end.offset ?? start);
    }
  },
};

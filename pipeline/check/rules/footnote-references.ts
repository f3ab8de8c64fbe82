import type { FootnoteDefinition, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { nodesOf } from '../nodes.ts';
import { report } from '../report.ts';
import type { ChapterRule } from '../types.ts';

const id = 'footnote-references';

export const footnoteReferences: ChapterRule = {
  kind: 'chapter',
  id,
  description: 'Footnote references without a definition, definitions never referenced, duplicate ids, notes inside notes',
  severity: 'error',
  fixable: false,
  docs: {
    flags: ['全覆盖。[^2]\n\n[^1]: 从未引用的注释。', '[^1]: 甲\n[^1]: 乙', '正文。[^1]\n\n[^1]: 注释[^2]。\n\n[^2]: 注释的注释。'],
    accepts: ['节目，[^1]以持续引领干部作风转变。\n\n[^1]: 嘉廉话是……'],
  },
  plugin: () => (tree: Root, file: VFile) => {
    const referenced = new Set<string>();
    const definitions = new Map<string, FootnoteDefinition>();
    for (const node of nodesOf(tree, 'footnoteReference', 'footnoteDefinition')) {
      if (node.type === 'footnoteReference') referenced.add(node.identifier);
      if (node.type !== 'footnoteDefinition') continue;
      // Notes of notes have no place on a page or in a pop-up: the editions print them without a marker.
      visit(node, 'footnoteReference', (inner) => {
        const at = inner.position?.start.offset ?? 0;
        report(file, id, `Unexpected footnote reference \`[^${inner.label ?? inner.identifier}]\` inside a footnote, expected references only in the text`, at, inner.position?.end.offset ?? at);
      });
      const first = definitions.get(node.identifier);
      const start = node.position?.start.offset ?? 0;
      if (first) {
        report(file, id, `Unexpected second definition of footnote \`[^${node.label ?? node.identifier}]\` (first on line ${first.position?.start.line}), expected one definition per id`, start, start + (node.label ?? '').length + 4);
      } else {
        definitions.set(node.identifier, node);
      }
    }
    // GFM leaves a reference to a missing definition as plain text.
    for (const node of String(file.value).includes('[^') ? nodesOf(tree, 'text') : []) {
      const offset = node.position?.start.offset;
      if (offset === undefined) continue;
      const source = String(file.value).slice(offset, node.position?.end.offset);
      for (const m of source.matchAll(/\[\^([^\]\s]+)\]/g)) {
        report(file, id, `Unexpected footnote reference \`[^${m[1]}]\` without a definition, expected \`[^${m[1]}]: …\` at the end of the chapter`, offset + m.index, offset + m.index + m[0].length);
      }
    }
    for (const [identifier, node] of definitions) {
      if (referenced.has(identifier)) continue;
      const start = node.position?.start.offset ?? 0;
      report(file, id, `Unexpected footnote \`[^${node.label ?? identifier}]\` that is never referenced, expected a \`[^${node.label ?? identifier}]\` in the text`, start, start + (node.label ?? identifier).length + 4);
    }
  },
};

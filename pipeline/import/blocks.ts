/**
 * Step 1: the export's text -> blocks (headings, paragraphs, lists, thematic breaks), each with its
 * source line. The text of a block is kept as written; later steps decide what it is.
 */
import type { Block } from './types.ts';

export function toBlocks(text: string): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let open: Block | undefined;
  const close = () => {
    if (open) blocks.push(open);
    open = undefined;
  };
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return close();
    const heading = /^(#{1,6})[ \t]+(.*?)[ \t#]*$/.exec(raw);
    if (/^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$/.test(raw)) {
      close();
      blocks.push({ kind: 'break', line, text: '', origins: [{ at: 0, line }] });
      return;
    }
    if (heading) {
      close();
      blocks.push({ kind: 'heading', line, depth: heading[1]!.length, text: heading[2]!, origins: [{ at: 0, line }] });
      return;
    }
    if (open) {
      open.origins.push({ at: open.text.length + 1, line });
      open.text += `\n${raw}`;
      return;
    }
    const kind = /^\s*[-*+](\s|$)/.test(raw) ? 'list' : 'paragraph';
    open = { kind, line, text: raw, origins: [{ at: 0, line }] };
  });
  close();
  return blocks;
}

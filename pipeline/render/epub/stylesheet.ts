/**
 * style.css of the EPUB: @font-face rules for the embedded fonts, the shared Chinese typography
 * (templates/shared/book.css) and the EPUB's own rules (templates/epub/epub.css).
 *
 * The shared sheet names its stacks as custom properties; many reading systems (Adobe RMSDK, older
 * Kobo and Kindle converters) ignore `var()`, so the values are written in place.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EmbeddedFont } from './fonts.ts';
import { TEMPLATES } from '../../paths.ts';

const SHARED_CSS = join(TEMPLATES, 'shared/book.css');
const EPUB_CSS = join(TEMPLATES, 'epub/epub.css');

/** `usedClasses`: every class the documents carry; rules for other classes are left out (see below). */
export async function epubStylesheet(fonts: EmbeddedFont[], usedClasses: Set<string>): Promise<string> {
  const faces = fonts.map(
    (font) =>
      `@font-face {\n  font-family: "${font.face.family}";\n  font-weight: ${font.face.weight};\n  font-style: normal;\n  src: url("fonts/${font.filename}") format("truetype");\n}`,
  );
  const shared = resolveCustomProperties(await readFile(SHARED_CSS, 'utf8'));
  const rules = pruneUnusedClassRules(`${shared}\n${await readFile(EPUB_CSS, 'utf8')}`, usedClasses);
  return `${[...faces, rules].join('\n')}\n`;
}

/**
 * Drops the selectors that name a class no document uses (and rules left without a selector), and
 * comments. The shared sheet styles features a book may not have (着重号, images); epubcheck reports
 * each unused selector, and the reading system need not parse them. At-rules are kept whole.
 */
export function pruneUnusedClassRules(css: string, usedClasses: Set<string>): string {
  const source = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const kept: string[] = [];
  let start = 0;
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '{') depth++;
    else if (source[i] === '}' && --depth === 0) {
      const block = source.slice(start, i + 1).trim();
      start = i + 1;
      const open = block.indexOf('{');
      const prelude = block.slice(0, open).trim();
      if (prelude.startsWith('@')) {
        kept.push(block);
        continue;
      }
      const selectors = prelude
        .split(',')
        .map((selector) => selector.trim())
        .filter((selector) => [...selector.matchAll(/\.([\w-]+)/g)].every(([, name]) => usedClasses.has(name!)));
      if (selectors.length) kept.push(`${selectors.join(', ')} ${block.slice(open)}`);
    }
  }
  return kept.join('\n');
}

/** Replaces `var(--name)` by the value declared in `:root` and drops that declaration block. */
export function resolveCustomProperties(css: string): string {
  const values = new Map<string, string>();
  const withoutRoot = css.replace(/:root\s*\{([^}]*)\}\s*/g, (_, block: string) => {
    for (const [, name, value] of block.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) values.set(name!, value!.trim());
    return '';
  });
  return withoutRoot.replace(/var\((--[\w-]+)\)/g, (match, name: string) => values.get(name) ?? match);
}

/**
 * The small pure parts of the EPUB edition, and the pin its wrapper of epub-gen-memory relies on.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { uuidFromIsbn } from '../../pipeline/render/epub/index.ts';
import { bookSlug } from '../../pipeline/render/slug.ts';
import { decodeCharacterReferences } from '../../pipeline/render/epub/package.ts';
import { pruneUnusedClassRules, resolveCustomProperties } from '../../pipeline/render/epub/stylesheet.ts';

describe('EPUB packaging helpers', () => {
  it('runs on the pinned epub-gen-memory whose internals it wraps (uuid, images, zip, templates)', () => {
    const require = createRequire(import.meta.url);
    expect((require('epub-gen-memory/package.json') as { version: string }).version).toBe('1.1.2');
  });

  it('names the file and the UUID from the ISBN alone', () => {
    expect(bookSlug({ isbn: '978-7-5643-8148-6' })).toBe('folio-9787564381486');
    expect(uuidFromIsbn('978-7-5643-8148-6')).toBe(uuidFromIsbn('9787564381486'));
    expect(uuidFromIsbn('978-7-5643-8148-6')).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidFromIsbn('978-7-5643-8148-6')).not.toBe(uuidFromIsbn('978-7-5643-8148-7'));
  });

  it('turns character references back into UTF-8 but keeps the markup escapes', () => {
    expect(decodeCharacterReferences('<p title="&#x22;">&#x4e50;&#23665; &lt;&amp;&#x3c;&#38;</p>')).toBe('<p title="&#x22;">乐山 &lt;&amp;&#x3c;&#38;</p>');
  });

  it('writes the custom properties of the shared sheet in place', () => {
    expect(resolveCustomProperties(':root { --font-body: FolioSerif, serif; }\nhtml { font-family: var(--font-body); }')).toBe(
      'html { font-family: FolioSerif, serif; }',
    );
  });

  it('drops selectors of classes no document uses, and rules left without one', () => {
    const css = '/* c */ p { a: 1; }\n.used, .unused { b: 2; }\nem.unused { c: 3; }\n@font-face { font-family: X; }\n.used .unused, h1 { d: 4; }';
    expect(pruneUnusedClassRules(css, new Set(['used']))).toBe('p { a: 1; }\n.used { b: 2; }\n@font-face { font-family: X; }\nh1 { d: 4; }');
  });
});

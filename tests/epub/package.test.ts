/**
 * The small pure parts of the EPUB edition, and the pin its wrapper of epub-gen-memory relies on.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { uuidFromIsbn } from '../../pipeline/render/epub/index.ts';
import { bookSlug } from '../../pipeline/render/slug.ts';
import { h } from 'hastscript';
import { xhtmlBody } from '../../pipeline/render/epub/xhtml.ts';
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

  it('writes a body as XHTML: UTF-8 text, markup escaped, void elements closed, boolean attributes valued, no attribute the packager refused', () => {
    const body = [
      h('nav', { 'epub:type': 'landmarks', hidden: true }, [h('a', { href: 'a.xhtml#x', dataNote: '1' }, '乐山 & <b>')]),
      h('p', { title: '"引"' }, ['一', h('br'), h('img', { src: 'images/image-001.png', alt: '图', width: 3 }), h('a', { id: 'empty' })]),
      h('ol', { start: 3 }, [h('li', '三')]),
    ];
    expect(xhtmlBody(body, 'bodymatter')).toBe(
      '<body epub:type="bodymatter">\n<nav epub:type="landmarks" hidden=""><a href="a.xhtml#x">乐山 &#x26; &#x3C;b></a></nav>' +
        '<p title="&#x22;引&#x22;">一<br/><img src="images/image-001.png" alt="图"/><a id="empty"></a></p><ol start="3"><li>三</li></ol>\n</body>',
    );
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

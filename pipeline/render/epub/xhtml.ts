/**
 * A document's body as XHTML, written by folio rather than by epub-gen-memory: the library would parse
 * every chapter's HTML again (htmlparser2) and write it back as XML with every non-ASCII character as
 * a character reference, which folio had to decode again: ~0.25 s of the benchmark book's EPUB build.
 * hast-util-to-xast and xast-util-to-xml (the unified collective's XML path) write well-formed XML with
 * UTF-8 text, and `hidden=""` where HTML would write a bare `hidden`.
 *
 * What the library's pass did is kept: only the attributes it allows (its own list, so that nothing it
 * kept out of the XHTML comes in now), and each image under a name numbered in order of first use.
 * One attribute more: an ordered list's `start` (a list that goes on from 3. had restarted at 1).
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { toXast } from 'hast-util-to-xast';
import { allowedAttributes } from 'epub-gen-memory/dist/lib/util/constants.js';
import type { Element as XmlElement, Root as XmlRoot } from 'xast';
import { toXml } from 'xast-util-to-xml';
import { BY_EXTENSION, type Format, MEDIA_TYPES } from '../../book/image-format.ts';
import { rewriteElements } from '../rewrite.ts';

const ALLOWED = new Set<string>([...allowedAttributes, 'start']);

/** HTML's void elements: written `<br/>` (an XML reader takes `<br></br>` alike, an HTML one does not). */
const VOID = /<(area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)\b([^>]*)><\/\1>/g;

/** An image the package loads from `url` and stores as `images/<id>.<extension>`. */
export interface PackageImage {
  url: string;
  id: string;
  extension: string;
  mediaType: string;
}

/** Numbers the images of `bodies` in order of first use, and points each <img> at its packaged name. */
export function packageImages(bodies: ElementContent[][]): { bodies: ElementContent[][]; images: PackageImage[] } {
  const byUrl = new Map<string, PackageImage>();
  const rename = (element: Element): Element | undefined => {
    const src = element.tagName === 'img' ? element.properties.src : undefined;
    if (typeof src !== 'string') return undefined;
    let image = byUrl.get(src);
    if (!image) {
      const extension = /\.[^./]+$/.exec(src.replace(/[?#].*/, ''))?.[0].toLowerCase() ?? '';
      // The check (resource-format) lets no other kind of image through.
      const format: Format = BY_EXTENSION[extension] ?? 'PNG';
      image = { url: src, id: `image-${String(byUrl.size + 1).padStart(3, '0')}`, extension: format.toLowerCase(), mediaType: MEDIA_TYPES[format] };
      byUrl.set(src, image);
    }
    return { ...element, properties: { ...element.properties, src: `images/${image.id}.${image.extension}` } };
  };
  const renamed = bodies.map((body) => rewriteElements({ type: 'root', children: body }, rename).children as ElementContent[]);
  return { bodies: renamed, images: [...byUrl.values()] };
}

/** `<body>` holding `content`, as XHTML (the document's <html> declares the namespaces). */
export function xhtmlBody(content: ElementContent[], bodyType?: string): string {
  const xast = toXast(h('body', bodyType ? { 'epub:type': bodyType } : {}, ['\n', ...content, '\n'])) as XmlElement;
  delete xast.attributes!.xmlns;
  for (const child of xast.children) if (child.type === 'element') keepAllowedAttributes(child);
  return toXml(xast as unknown as XmlRoot).replace(VOID, '<$1$2/>');
}

function keepAllowedAttributes(element: XmlElement): void {
  const attributes = element.attributes ?? {};
  for (const name of Object.keys(attributes)) if (!ALLOWED.has(name)) delete attributes[name];
  for (const child of element.children) if (child.type === 'element') keepAllowedAttributes(child);
}

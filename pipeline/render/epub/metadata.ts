/**
 * What content.opf and toc.ncx say (templates/epub), from book.yaml and the build: titles with EPUB 3
 * title refinements, editors (marc:relators edt) and the reports' authors (aut), ISBN and a UUID
 * derived from it, CLC classification and subjects, accessibility metadata, the manifest and the spine.
 *
 * No `dcterms:conformsTo` (WCAG conformance claim): a claim needs an evaluator who checked what no tool
 * can (reading order sense, alt text quality); epubcheck and Ace passing is not that. A publisher who
 * certifies the book adds it with `a11y:certifiedBy`.
 */
import type { TransformedBook } from '../../book/types.ts';
import type { NavEntry } from './navigation.ts';
import { FILES } from './navigation.ts';

export interface MetadataInput {
  uuidUrn: string;
  modified: Date;
  /** XHTML documents in reading order (cover page excluded). */
  documents: string[];
  cover: { href: string; mediaType: string };
  images: Array<{ href: string; mediaType: string }>;
  fonts: string[];
  licences: string[];
  navigation: NavEntry[];
  ncxDepth: number;
}

interface ManifestItem {
  id: string;
  href: string;
  mediaType: string;
  properties?: string;
}

export const ACCESSIBILITY_FEATURES = ['structuralNavigation', 'tableOfContents', 'readingOrder', 'alternativeText', 'displayTransformability'];

export function metadata(transformed: TransformedBook, input: MetadataInput): Record<string, unknown> {
  const meta = transformed.book.meta;
  const contributors = [...new Set(transformed.chapters.flatMap((chapter) => chapter.chapter.authors))];
  const idOf = (href: string) => href.replace(/\.xhtml$/, '').replace(/[^A-Za-z0-9_-]/g, '-');
  const manifest: ManifestItem[] = [
    { id: 'nav', href: FILES.nav, mediaType: 'application/xhtml+xml', properties: 'nav' },
    { id: 'ncx', href: 'toc.ncx', mediaType: 'application/x-dtbncx+xml' },
    { id: 'css', href: 'style.css', mediaType: 'text/css' },
    { id: 'cover-page', href: FILES.cover, mediaType: 'application/xhtml+xml' },
    { id: 'cover-image', href: input.cover.href, mediaType: input.cover.mediaType, properties: 'cover-image' },
    ...input.documents.filter((href) => href !== FILES.nav).map((href) => ({ id: idOf(href), href, mediaType: 'application/xhtml+xml' })),
    ...input.images.map((image, i) => ({ id: `image-${i + 1}`, href: image.href, mediaType: image.mediaType })),
    ...input.fonts.map((href, i) => ({ id: `font-${i + 1}`, href, mediaType: 'font/ttf' })),
    ...input.licences.map((href, i) => ({ id: `licence-${i + 1}`, href, mediaType: 'text/plain' })),
  ];
  const spine = ['cover-page', ...input.documents.map((href) => (href === FILES.nav ? 'nav' : idOf(href)))];
  return {
      lang: meta.language,
      isbnUrn: `urn:isbn:${meta.isbn.replace(/\D/g, '')}`,
      uuidUrn: input.uuidUrn,
      title: meta.title,
      subtitle: meta.subtitle,
      editors: meta.editors,
      contributors,
      publisher: meta.publisher.name,
      date: meta.date,
      modified: input.modified.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      description: meta.description ?? (meta.subtitle ? `${meta.title}：${meta.subtitle}` : meta.title),
      subjects: meta.cip.subjects ?? [],
      classification: meta.cip.classification,
      hasImages: input.images.length > 0,
      accessibilityFeatures: ACCESSIBILITY_FEATURES,
      accessibilitySummary:
        '本书为文字电子书：有完整的目录与导航、按章节排列的阅读顺序；脚注可弹出显示并链接回正文；封面图片有替代文字；字体嵌入但可由阅读器替换。',
      manifest,
      spine,
      navigation: input.navigation,
      ncxDepth: input.ncxDepth,
  };
}

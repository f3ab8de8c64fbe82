/**
 * Raw HTML from the manuscript is parsed (hast-util-raw) and reduced to an allowlist (hast-util-sanitize,
 * GitHub's schema) before any edition sees it: no <script>, <iframe>, <style>, <meta>, event handlers,
 * `javascript:` URLs, or images from anywhere but the manuscript folder. folio's own markup (note
 * references, directive blocks) is allowed by name and pattern, so a manuscript cannot forge ids.
 */
import type { Root } from 'hast';
import { raw } from 'hast-util-raw';
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';
import { EXIT, visit } from 'unist-util-visit';

const aria = ['ariaDescribedBy', 'ariaLabel', 'ariaLabelledBy'];

const schema: Schema = {
  ...defaultSchema,
  attributes: {
    ...defaultSchema.attributes,
    // The first definition of a property wins, so folio's list for <a> replaces GitHub's.
    a: [...aria, 'href', ['className', 'noteref'], ['id', /^ch\d+-fnref\d+$/], ['role', 'doc-noteref'], 'dataNote'],
    div: [...(defaultSchema.attributes?.div ?? []), 'className'],
    span: [['className', 'nobreak']],
    // No free ids: folio's own (headings, notes) are added after sanitizing, and must stay unique.
    '*': (defaultSchema.attributes?.['*'] ?? []).filter((definition) => definition !== 'id'),
  },
  // Links may point anywhere (a reader follows them; nothing is loaded while rendering). Images may
  // only be files of the manuscript: an empty list would allow every scheme, so name one that no URL
  // has, which leaves relative paths as the only src that passes.
  protocols: { ...defaultSchema.protocols, src: ['folio-manuscript-file-only'] },
  clobber: ['name'],
  // Elements dropped with their content (by default only <script>): a <style>'s CSS must not become text.
  strip: ['script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed', 'title', 'textarea', 'xmp', 'noembed', 'noframes', 'svg', 'math'],
};

export function sanitizeChapter(tree: Root): Root {
  // raw() re-parses the whole tree through parse5, a third of the transform's time: only when there is
  // raw HTML for it to parse.
  return sanitize(hasRawHtml(tree) ? raw(tree) : tree, schema) as Root;
}

function hasRawHtml(tree: Root): boolean {
  let found = false;
  visit(tree, 'raw', () => {
    found = true;
    return EXIT;
  });
  return found;
}

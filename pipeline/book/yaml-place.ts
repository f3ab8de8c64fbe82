/**
 * Maps a path inside a parsed YAML document (book.yaml or a chapter's front matter) to a line and
 * column, so that schema errors point at the offending field.
 */
import { isNode, type Document } from 'yaml';

export interface Place {
  line: number;
  column: number;
}

/** `offsetToPlace` turns a character offset of the YAML text into a place in the whole file. */
export function placeOfPath(
  doc: Document,
  path: ReadonlyArray<PropertyKey>,
  offsetToPlace: (offset: number) => Place | undefined,
): Place | undefined {
  // Walk up until a node exists: a missing field is reported at its parent.
  for (let depth = path.length; depth >= 0; depth--) {
    const keys = path.slice(0, depth) as unknown[];
    const node = keys.length === 0 ? doc.contents : doc.getIn(keys, true);
    if (isNode(node) && node.range) {
      // Point at the key of a mapping entry when there is one: that is where an editor looks.
      const key = keyNodeOf(doc, keys);
      const offset = key?.range?.[0] ?? node.range[0];
      return offsetToPlace(offset);
    }
  }
  return undefined;
}

function keyNodeOf(doc: Document, keys: unknown[]) {
  if (keys.length === 0) return undefined;
  const parent = keys.length === 1 ? doc.contents : doc.getIn(keys.slice(0, -1), true);
  if (!parent || typeof parent !== 'object' || !('items' in parent)) return undefined;
  const last = keys[keys.length - 1];
  for (const item of (parent as { items: unknown[] }).items) {
    if (item && typeof item === 'object' && 'key' in item) {
      const key = (item as { key: unknown }).key;
      if (isNode(key) && 'value' in key && (key as { value: unknown }).value === last) return key;
    }
  }
  return undefined;
}

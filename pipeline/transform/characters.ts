/**
 * The distinct characters a text prints, for choosing font slices: every edition asks this of the whole
 * book. Iterating a string by code point and adding each to a Set costs ~20 ms a pass over the
 * benchmark book; skipping characters already seen by a flag per UTF-16 unit costs ~2 ms.
 */

import type { Nodes } from 'hast';
import { toString } from 'hast-util-to-string';

/** Adds the printable characters of the text of hast `nodes` to `into`. */
export function addCharactersOf(into: Set<string>, nodes: Iterable<Nodes>): Set<string> {
  for (const node of nodes) addCharacters(into, toString(node));
  return into;
}

/**
 * A flag per UTF-16 unit already added, kept per set: the build adds ~440 texts to the same few sets,
 * and a fresh 64 KB of flags each time cost ~80 ms of allocation and garbage collection. Sets here only
 * grow, so a flag never goes stale.
 */
const seenBySet = new WeakMap<Set<string>, Uint8Array>();

/** Adds the printable characters of `text` (control characters print nothing) to `into`. */
export function addCharacters(into: Set<string>, text: string): Set<string> {
  let seen = seenBySet.get(into);
  if (!seen) seenBySet.set(into, (seen = new Uint8Array(0x10000)));
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || seen[code]) continue;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        // A character beyond the BMP: its pair is added whole, and not remembered (rare).
        into.add(text.slice(i, i + 2));
        i++;
        continue;
      }
    }
    seen[code] = 1;
    into.add(text[i]!);
  }
  return into;
}

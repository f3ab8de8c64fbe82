/**
 * How alike two Chinese texts are, by the characters they share (Dice's coefficient over their sets of
 * characters): 1 for the same characters, 0 for none in common. Chinese titles and headings have no
 * words to compare, and a typo or a rename keeps most characters. Used to name the closest heading of a
 * broken link, and to find a report's entry in a plan whose title differs by a character or two.
 */
export function likeness(a: string, b: string): number {
  const own = new Set(a);
  const other = new Set(b);
  const shared = [...own].filter((character) => other.has(character)).length;
  return (2 * shared) / (own.size + other.size || 1);
}

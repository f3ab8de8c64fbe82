/**
 * Reads the single substitutions of one OpenType feature for one language system from a GSUB table
 * (lookup type 1, also behind type 7 extensions). The EPUB's merged fonts carry no GSUB (sfnt-merge.ts),
 * so the forms a browser would pick for `lang="zh-Hans"` (`locl` of language system ZHS: —— as two
 * joined 1 em dashes instead of proportional ones with a gap) are baked into the cmap with this.
 */
export function singleSubstitutions(gsub: Buffer, feature: string, language: string): Map<number, number> {
  const substitutions = new Map<number, number>();
  const featureList = gsub.readUInt16BE(6);
  const lookupList = gsub.readUInt16BE(8);
  const lookupIndices = new Set<number>();
  const featureCount = gsub.readUInt16BE(featureList);
  const ofLanguage = languageFeatures(gsub, language);
  for (let i = 0; i < featureCount; i++) {
    const record = featureList + 2 + 6 * i;
    if (gsub.toString('latin1', record, record + 4) !== feature || !ofLanguage.has(i)) continue;
    const table = featureList + gsub.readUInt16BE(record + 4);
    const count = gsub.readUInt16BE(table + 2);
    for (let j = 0; j < count; j++) lookupIndices.add(gsub.readUInt16BE(table + 4 + 2 * j));
  }
  for (const index of lookupIndices) {
    const lookup = lookupList + gsub.readUInt16BE(lookupList + 2 + 2 * index);
    const type = gsub.readUInt16BE(lookup);
    const subtableCount = gsub.readUInt16BE(lookup + 4);
    for (let s = 0; s < subtableCount; s++) {
      let subtable = lookup + gsub.readUInt16BE(lookup + 6 + 2 * s);
      let subtableType = type;
      if (type === 7) {
        subtableType = gsub.readUInt16BE(subtable + 2);
        subtable += gsub.readUInt32BE(subtable + 4);
      }
      if (subtableType === 1) readSingle(gsub, subtable, substitutions);
    }
  }
  return substitutions;
}

/** Feature indices of language system `language` (e.g. `ZHS `) under every script. */
function languageFeatures(gsub: Buffer, language: string): Set<number> {
  const indices = new Set<number>();
  const scriptList = gsub.readUInt16BE(4);
  const scriptCount = gsub.readUInt16BE(scriptList);
  for (let i = 0; i < scriptCount; i++) {
    const script = scriptList + gsub.readUInt16BE(scriptList + 2 + 6 * i + 4);
    const langSysCount = gsub.readUInt16BE(script + 2);
    for (let j = 0; j < langSysCount; j++) {
      const record = script + 4 + 6 * j;
      if (gsub.toString('latin1', record, record + 4) !== language) continue;
      const langSys = script + gsub.readUInt16BE(record + 4);
      const count = gsub.readUInt16BE(langSys + 4);
      for (let k = 0; k < count; k++) indices.add(gsub.readUInt16BE(langSys + 6 + 2 * k));
    }
  }
  return indices;
}

function readSingle(gsub: Buffer, subtable: number, into: Map<number, number>): void {
  const format = gsub.readUInt16BE(subtable);
  const covered = coverage(gsub, subtable + gsub.readUInt16BE(subtable + 2));
  covered.forEach((glyph, index) => {
    if (format === 1) into.set(glyph, (glyph + gsub.readInt16BE(subtable + 4)) & 0xffff);
    else if (format === 2) into.set(glyph, gsub.readUInt16BE(subtable + 6 + 2 * index));
  });
}

/** The glyphs of a Coverage table, in coverage-index order. */
function coverage(gsub: Buffer, table: number): number[] {
  const format = gsub.readUInt16BE(table);
  const count = gsub.readUInt16BE(table + 2);
  const glyphs: number[] = [];
  for (let i = 0; i < count; i++) {
    if (format === 1) glyphs.push(gsub.readUInt16BE(table + 4 + 2 * i));
    else {
      const record = table + 4 + 6 * i;
      for (let glyph = gsub.readUInt16BE(record); glyph <= gsub.readUInt16BE(record + 2); glyph++) glyphs.push(glyph);
    }
  }
  return glyphs;
}

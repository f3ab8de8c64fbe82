/** fontkit 2 ships no types: the part the EPUB tests read (an independent reader of the shipped fonts). */
declare module 'fontkit' {
  interface Font {
    familyName: string;
    subfamilyName: string;
    fullName: string;
    postscriptName: string;
    characterSet: number[];
    numGlyphs: number;
    name: { records: Record<string, Record<string, string>> };
    hasGlyphForCodePoint(codePoint: number): boolean;
    glyphForCodePoint(codePoint: number): { id: number; advanceWidth: number; path: { commands: unknown[] } };
  }
  export function create(buffer: Buffer): Font;
}

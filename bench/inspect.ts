/**
 * What the outputs are, checked once per case with the real tools: page count (pdfinfo), Type 3
 * fonts (pdffonts: printers reject them), and whether an EPUB passes epubcheck.
 */
import { spawnSync } from 'node:child_process';

export interface PdfFacts {
  pages?: number;
  type3?: boolean;
}

export function pdfFacts(file: string): PdfFacts {
  const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = /^Pages:\s+(\d+)/m.exec(info.stdout)?.[1];
  const fonts = spawnSync('pdffonts', [file], { encoding: 'utf8' });
  return {
    pages: pages ? Number(pages) : undefined,
    type3: fonts.status === 0 ? /\bType 3\b/.test(fonts.stdout) : undefined,
  };
}

export interface EpubcheckResult {
  pass: boolean;
  errors: number;
  warnings: number;
}

export function epubcheck(file: string): EpubcheckResult | undefined {
  // Debian's /usr/bin/epubcheck is the jar itself, not a launcher script
  const result = spawnSync('java', ['-jar', '/usr/bin/epubcheck', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const counts = /Messages:\s+(\d+) fatals? \/\s+(\d+) errors? \/\s+(\d+) warnings?/.exec(`${result.stdout}\n${result.stderr}`);
  if (result.error || !counts) return undefined;
  return { pass: result.status === 0, errors: Number(counts[1]) + Number(counts[2]), warnings: Number(counts[3]) };
}

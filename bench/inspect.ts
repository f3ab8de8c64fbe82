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
  /** Why epubcheck itself failed, when it did (not a verdict on the EPUB). */
  crashed?: string;
}

export function epubcheck(file: string): EpubcheckResult | undefined {
  // Debian's /usr/bin/epubcheck is the jar itself, not a launcher script. Its reading-order check
  // recurses once per link: a 10× book overflows the default thread stack, hence -Xss.
  const result = spawnSync('java', ['-Xss256m', '-jar', '/usr/bin/epubcheck', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const output = `${result.stdout}\n${result.stderr}`;
  const counts = /Messages:\s+(\d+) fatals? \/\s+(\d+) errors? \/\s+(\d+) warnings?/.exec(output);
  if (result.error || !counts) return undefined;
  const errors = Number(counts[1]) + Number(counts[2]);
  const crash = /^\S*(Exception|Error)\b.*$/m.exec(output)?.[0];
  return { pass: result.status === 0, errors, warnings: Number(counts[3]), crashed: result.status !== 0 && errors === 0 ? crash ?? `exit ${result.status}` : undefined };
}

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
  const result = spawnSync('epubcheck', [file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) return undefined;
  const output = `${result.stdout}\n${result.stderr}`;
  const errors = /Messages:\s+\d+ fatals? \/\s+(\d+) errors? \/\s+(\d+) warnings?/.exec(output);
  const fatal = /Messages:\s+(\d+) fatal/.exec(output);
  return {
    pass: result.status === 0,
    errors: errors ? Number(errors[1]) + Number(fatal?.[1] ?? 0) : result.status === 0 ? 0 : NaN,
    warnings: errors ? Number(errors[2]) : 0,
  };
}

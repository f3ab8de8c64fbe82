/**
 * The built EPUB under the two validators the trade uses: Debian's epubcheck (EPUB 3.2 rules, with
 * --usage for the pickiest messages) and Ace by DAISY (accessibility; axe-core in Chromium).
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { miniWithCrossLinks } from '../support/cross-linked.ts';
import { BOOKS, build, OUTPUT, ROOT, transformed, unpack } from './book.ts';

const run = promisify(execFile);

/**
 * Usage messages that any EPUB with the required features gets, whatever its content:
 * CSS-028 "Use of Font-face declaration" (the embedded fonts are required) and HTM-010 "Namespace uri
 * … ncx was found" (the NCX for older readers is required).
 */
const INHERENT_USAGES = new Set(['CSS-028', 'HTM-010']);

interface EpubcheckMessage {
  ID: string;
  severity: 'FATAL' | 'ERROR' | 'WARNING' | 'USAGE' | 'INFO' | 'SUPPRESSED';
  message: string;
  locations: Array<{ path: string; line: number; column: number }>;
}

interface AceAssertion {
  'earl:test': { 'earl:impact': 'critical' | 'serious' | 'moderate' | 'minor'; 'dct:title': string; 'dct:description': string };
  'earl:result': { 'earl:pointer'?: { css?: string[] } };
}

/** epubcheck's messages on `epubPath` but INFO, SUPPRESSED and the inherent usages, one line each. */
async function epubcheckProblems(epubPath: string, report: string): Promise<string[]> {
  // epubcheck exits non-zero on errors; the JSON report says why, so read it either way.
  await run('java', ['-jar', '/usr/bin/epubcheck', epubPath, '--usage', '--json', report], { maxBuffer: 64 << 20 }).catch(() => undefined);
  const { messages } = JSON.parse(await readFile(report, 'utf8')) as { messages: EpubcheckMessage[] };
  expect(messages.some((m) => m.ID === 'CSS-028'), 'the report is real: the fonts were seen').toBe(true);
  return messages
    .filter((m) => m.severity !== 'INFO' && m.severity !== 'SUPPRESSED')
    .filter((m) => !(m.severity === 'USAGE' && INHERENT_USAGES.has(m.ID)))
    .map((m) => `${m.severity} ${m.ID} ${m.message} ${m.locations.map((l) => `${l.path}:${l.line}`).join(', ')}`);
}

it('passes epubcheck with links between reports, each to the document and id of its target', async () => {
  const unpacked = await unpack(await build(await transformed(await miniWithCrossLinks(join(OUTPUT, 'books', 'cross-linked')))), 'validators-cross-linked');
  expect(unpacked.text('OEBPS/ch01.xhtml')).toMatch(/href="ch02\.xhtml#ch02-[^"]+"/);
  expect(unpacked.text('OEBPS/ch02.xhtml')).toMatch(/href="ch01\.xhtml#ch01-[^"]+"/);
  // epubcheck reports a link to a document or an id that is not there (RSC-007, RSC-012).
  expect(await epubcheckProblems(unpacked.epubPath, join(OUTPUT, 'validators-cross-linked', 'epubcheck.json'))).toEqual([]);
});

describe.each(BOOKS)('validators on the EPUB of $name', ({ name, dir }) => {
  let epubPath: string;

  beforeAll(async () => {
    epubPath = (await unpack(await build(await transformed(dir)), `validators-${name}`)).epubPath;
  });

  it('passes epubcheck with no fatal error, error, warning or usage message about the content', async () => {
    expect(await epubcheckProblems(epubPath, join(OUTPUT, `validators-${name}`, 'epubcheck.json'))).toEqual([]);
  });

  it('passes Ace by DAISY with no critical, serious or moderate violation', async () => {
    const outdir = join(OUTPUT, `validators-${name}`, 'ace');
    await rm(outdir, { recursive: true, force: true });
    const home = join(OUTPUT, `validators-${name}`, 'ace-home');
    await mkdir(home, { recursive: true });
    await run(join(ROOT, 'node_modules/.bin/ace-cli'), ['--force', '--silent', '--outdir', outdir, epubPath], {
      // Ace's puppeteer runner drives Debian's Chromium; HOME keeps its logs and profile out of the user's.
      env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: '/usr/bin/chromium', HOME: home },
      maxBuffer: 64 << 20,
    });
    const report = JSON.parse(await readFile(join(outdir, 'report.json'), 'utf8')) as {
      assertions: Array<{ 'earl:testSubject': { url: string }; assertions: AceAssertion[] }>;
      'a11y-metadata': { present: string[]; empty: string[] };
    };
    const violations = report.assertions.flatMap((document) =>
      document.assertions
        .filter((a) => ['critical', 'serious', 'moderate'].includes(a['earl:test']['earl:impact']))
        .map((a) => `${document['earl:testSubject'].url}: ${a['earl:test']['earl:impact']} ${a['earl:test']['dct:title']} ${a['earl:test']['dct:description']} ${a['earl:result']['earl:pointer']?.css?.join(' ') ?? ''}`),
    );
    expect(violations).toEqual([]);
    expect(report['a11y-metadata'].present).toEqual(
      expect.arrayContaining(['schema:accessMode', 'schema:accessibilityFeature', 'schema:accessibilityHazard', 'schema:accessibilitySummary', 'schema:accessModeSufficient']),
    );
    expect(report['a11y-metadata'].empty).toEqual([]);
  });
});

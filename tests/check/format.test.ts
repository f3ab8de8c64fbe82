/**
 * Output formats and exit codes of `folio check`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../pipeline/check/command.ts';
import { capture, ROOT } from './helpers.ts';

const SEED = 'tests/fixtures/import/seed-word-export.txt';
// The official SARIF 2.1.0 (rtm.5) schema, vendored from npm @microsoft/jest-sarif 1.0.0-beta.0 (lib/schemas).
const SCHEMA = `${ROOT}tests/fixtures/check/sarif-schema-2.1.0.json`;

async function run(paths: string[], format: 'stylish' | 'json' | 'sarif' | 'github', strict = false) {
  const c = capture();
  const code = await runCheck(c.io, { paths, format, strict });
  return { code, out: c.out(), err: c.err() };
}

describe('exit codes', () => {
  it('0 for a clean book, 1 for errors, 2 with one line for a path that cannot be read', async () => {
    expect((await run(['tests/fixtures/check/book/chapters/01-good.md'], 'stylish')).code).toBe(0);
    expect((await run([SEED], 'stylish')).code).toBe(1);
    const missing = await run(['no/such/manuscript'], 'stylish');
    expect(missing.code).toBe(2);
    expect(missing.err.trimEnd().split('\n')).toEqual(['folio: cannot check `no/such/manuscript`: no such file or folder']);
    // A folder without book.yaml is a defect of the manuscript: reported at book.yaml, exit 1.
    const notBook = await run(['tests/fixtures/check'], 'json');
    expect(notBook.code).toBe(1);
    expect(JSON.parse(notBook.out)).toMatchObject([{ file: 'tests/fixtures/check/book.yaml', ruleId: 'file-missing', severity: 'error', line: 1 }]);
  });

  it('--strict turns warnings into exit 1', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const dir = mkdtempSync(`${ROOT}tests/fixtures/check/.tmp-`);
    const path = `${dir}/w.md`;
    writeFileSync(path, '节目[^1]。\n\n[^1]: 注释。\n');
    try {
      expect((await run([path], 'stylish')).code).toBe(0);
      expect((await run([path], 'stylish', true)).code).toBe(1);
    } finally {
      const { rmSync } = await import('node:fs');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('formats', () => {
  it('json: one array of diagnostics, file relative to cwd, 1-based', async () => {
    const diagnostics = JSON.parse((await run([SEED], 'json')).out) as Array<Record<string, unknown>>;
    expect(diagnostics.find((d) => d.line === 177 && d.ruleId === 'punctuation-half-width')).toEqual({
      file: SEED,
      line: 177,
      column: 1,
      endLine: 177,
      endColumn: 4,
      severity: 'error',
      ruleId: 'punctuation-half-width',
      message: 'Unexpected half-width `(…)` in Chinese text, expected `（…）`',
      fixable: true,
    });
  });

  it('github: workflow commands with escaped properties', async () => {
    const lines = (await run([SEED], 'github')).out.trimEnd().split('\n');
    expect(lines).toContain(
      `::error file=${SEED},line=181,col=1,endLine=181,endColumn=3,title=heading-level::Unexpected level 2 (\`##\`) for a \`（一）\`-level heading, expected level 3 (\`###\`)`,
    );
    expect(lines.every((line) => /^::(error|warning|notice) file=[^:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[\w-]+::/.test(line))).toBe(true);
  });

  it('stylish: file, line:column, severity, message, rule, summary', async () => {
    const { out } = await run([SEED], 'stylish');
    expect(out).toMatch(/^tests\/fixtures\/import\/seed-word-export\.txt$/m);
    expect(out).toMatch(/181:1-181:3\s+error\s+Unexpected level 2.*heading-level/);
    expect(out).toMatch(/✖ \d+ errors/);
  });

  it('sarif: valid SARIF 2.1.0 with rule descriptors and help URIs', async () => {
    const { Ajv } = await import('ajv');
    const addFormats = (await import('ajv-formats')).default.default;
    const schema = JSON.parse(readFileSync(SCHEMA, 'utf8')) as Record<string, unknown>;
    // The schema is draft-04 (`id`); Ajv 8 reads it as a later draft once `$schema`/`id` are renamed.
    delete schema.$schema;
    schema.$id = schema.id;
    delete schema.id;
    // The schema's language-tag pattern is not valid in unicode mode (a stray `]`): compile it as the schema authors did.
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const log = JSON.parse((await run([SEED], 'sarif')).out);
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    const rules = log.runs[0].tool.driver.rules as Array<{ id: string; helpUri: string }>;
    expect(rules.find((r) => r.id === 'page-break-split')?.helpUri).toMatch(/docs\/rules\.md#page-break-split$/);
    expect(log.runs[0].results.length).toBeGreaterThan(100);
  });
});

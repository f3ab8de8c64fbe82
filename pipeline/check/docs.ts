/**
 * docs/rules.md, generated from the rule registry so the docs, the SARIF descriptors and the code cannot
 * drift apart (a test compares the file with this output; regenerate with `npx tsx pipeline/check/docs.ts`).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RULES } from './rules/index.ts';

const fence = (text: string) => `\`\`\`markdown\n${text}\n\`\`\``;

export function renderRulesDoc(): string {
  const lines = [
    '# Rules of `folio check`',
    '',
    '<!-- Generated from pipeline/check/rules/index.ts by pipeline/check/docs.ts: edit the rules, not this file. -->',
    '',
    'Set a rule\'s severity in book.yaml: `rules: { punctuation-half-width: warning }` (`error`, `warning`, `info` or `off`).',
    '`--fix` applies the fixes of the rules marked fixable.',
    '',
    '| rule | default | fixable | what it reports |',
    '| --- | --- | --- | --- |',
    ...RULES.map((rule) => `| [${rule.id}](#${rule.id}) | ${rule.severity} | ${rule.fixable ? 'yes' : 'no'} | ${rule.description} |`),
    '',
  ];
  for (const rule of RULES) {
    lines.push(`## ${rule.id}`, '', `${rule.description}.`, '', `Default severity: **${rule.severity}**. Fixable: **${rule.fixable ? 'yes' : 'no'}**. Checks ${rule.kind === 'book' ? 'book.yaml' : 'each chapter'}.`, '');
    lines.push('Reported:', '');
    for (const example of rule.docs.flags) lines.push(fence(example), '');
    lines.push('Accepted:', '');
    for (const example of rule.docs.accepts) lines.push(fence(example), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

export const RULES_DOC_PATH = fileURLToPath(new URL('../../docs/rules.md', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) writeFileSync(RULES_DOC_PATH, renderRulesDoc());

/**
 * The output formats of `folio check`: stylish (vfile-reporter), json (Diagnostic[]), sarif (2.1.0, for
 * GitHub code scanning) and github (workflow-command annotations).
 */
import { pathToFileURL } from 'node:url';
import { join, relative } from 'node:path';
import { VFile } from 'vfile';
import { reporter } from 'vfile-reporter';
import type { Diagnostic, Severity } from '../book/types.ts';
import { toDiagnostics } from '../diagnostics.ts';
import { RULES, RULES_BY_ID } from './rules/index.ts';
import { DOCS } from '../paths.ts';

export type Format = 'stylish' | 'json' | 'sarif' | 'github';

const RULES_DOC = join(DOCS, 'rules.md');

/** Where a rule is documented: FOLIO_DOCS_URL (e.g. the repository's docs/rules.md on the web) or folio's own file. */
export function helpUri(ruleId: string, env: Record<string, string | undefined> = {}): string {
  const base = env.FOLIO_DOCS_URL ?? pathToFileURL(RULES_DOC).href;
  return `${base}#${ruleId}`;
}

export function formatResults(format: Format, files: VFile[], cwd: string, env: Record<string, string | undefined> = {}): string {
  if (format === 'stylish') return `${reporter(files.map((file) => relativeTo(cwd, file)), { color: false })}\n`;
  const diagnostics = toDiagnostics(files, cwd);
  if (format === 'json') return `${JSON.stringify(diagnostics, null, 2)}\n`;
  if (format === 'github') return diagnostics.map(githubAnnotation).join('');
  return `${JSON.stringify(toSarif(diagnostics, env), null, 2)}\n`;
}

/** A view of `file` named relative to cwd (as the json and github formats name it), messages shared. */
function relativeTo(cwd: string, file: VFile): VFile {
  const view = new VFile({ path: file.path ? relative(cwd, file.path) || file.path : undefined });
  view.messages = file.messages;
  return view;
}

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

// Workflow commands: data escapes %, CR, LF; property values also : and ,.
const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

function githubAnnotation(d: Diagnostic): string {
  const properties = [
    `file=${escapeProperty(d.file)}`,
    `line=${d.line}`,
    `col=${d.column}`,
    `endLine=${d.endLine}`,
    `endColumn=${d.endColumn}`,
    `title=${escapeProperty(d.ruleId)}`,
  ].join(',');
  return `::${COMMAND[d.severity]} ${properties}::${escapeData(d.message)}\n`;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export function toSarif(diagnostics: Diagnostic[], env: Record<string, string | undefined> = {}) {
  // Loader rules (yaml-syntax, file-encoding, …) are not in the registry but still need descriptors.
  const extra = [...new Set(diagnostics.map((d) => d.ruleId))].filter((id) => !RULES_BY_ID.has(id));
  const descriptors = [
    ...RULES.map((rule) => ({
      id: rule.id,
      name: rule.id,
      shortDescription: { text: rule.description },
      fullDescription: { text: rule.description },
      helpUri: helpUri(rule.id, env),
      help: { text: `${rule.description}. See docs/rules.md#${rule.id}.` },
      defaultConfiguration: { level: LEVEL[rule.severity] },
      properties: { fixable: rule.fixable },
    })),
    ...extra.map((id) => ({ id, name: id, shortDescription: { text: `folio loader: ${id}` }, helpUri: helpUri(id, env) })),
  ];
  const index = new Map(descriptors.map((descriptor, i) => [descriptor.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'folio', informationUri: helpUri('', env).replace(/#$/, ''), rules: descriptors } },
        results: diagnostics.map((d) => ({
          ruleId: d.ruleId,
          ruleIndex: index.get(d.ruleId)!,
          level: LEVEL[d.severity],
          message: { text: d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(d.file.split('\\').join('/')), uriBaseId: '%SRCROOT%' },
                region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
              },
            },
          ],
        })),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

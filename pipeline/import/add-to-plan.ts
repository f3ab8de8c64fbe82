/**
 * `folio import --into`, last step: book.yaml with the imported reports' entries pointing at their files.
 * Edited through yaml's Document (parse, change the entries, print): every other line, comment and
 * quoting of the editor's book.yaml stays as it was.
 */
import { parseDocument } from 'yaml';

export interface Placement {
  /** 0-based index of the report's entry in the plan; -1 for a report the plan does not list (appended). */
  index: number;
  /** The chapter file, relative to the manuscript folder. */
  path: string;
}

export function planWithFiles(bookYaml: string, placements: Placement[]): string {
  const doc = parseDocument(bookYaml);
  for (const { index, path } of placements) {
    // A written chapter's front matter is authoritative: its planned title, subtitle and authors go.
    const entry = doc.createNode({ file: path });
    if (index < 0) doc.addIn(['chapters'], entry);
    else doc.setIn(['chapters', index], entry);
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

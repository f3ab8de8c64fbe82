/**
 * Step 0: the export's bytes -> text. UTF-8 as is; a GBK/GB18030 export (older Chinese Word saves) is
 * converted, with a notice; anything else (a binary .docx, invalid bytes) is refused in one line.
 */
import { decodeGb18030, decodeUtf8 } from '../book/read-text.ts';
import type { Note } from './types.ts';

export type Decoded = { text: string; notes: Note[] } | { refused: string };

export function decodeExport(bytes: Uint8Array): Decoded {
  const utf8 = decodeUtf8(bytes);
  if (utf8.ok) return { text: utf8.text.replace(/\r\n?/g, '\n'), notes: [] };
  if (/binary/.test(utf8.reason)) {
    return { refused: `is a binary file (NUL byte on line ${utf8.line}), expected a Word export saved as text (.txt or .md)` };
  }
  const gb = decodeGb18030(bytes);
  if (gb !== undefined) {
    return { text: gb.replace(/\r\n?/g, '\n'), notes: [{ level: 'changed', message: 'Export was GBK/GB18030-encoded: converted to UTF-8' }] };
  }
  return { refused: `is not UTF-8 or GB18030 text (invalid byte on line ${utf8.line}, column ${utf8.column})` };
}

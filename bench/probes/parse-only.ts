/**
 * The floor under any build of a book: folio's Markdown parser (remark-parse with its extensions, set up
 * as in pipeline/book/parse.ts) reading and parsing every chapter in a fresh process, and nothing else:
 * no check, no transform, no output. Unlike the other probes it is timed as a whole process, like the
 * peers, and bundled like folio (cases.ts), so that a newcomer can see how much of a build's time is the
 * parser the product owner chose, against pandoc's whole conversion.
 * Prints what it parsed (`{"chapters":…,"characters":…}`), so that a run that found no chapter fails.
 * Usage: node parse-only.mjs <manuscript>
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { parseMarkdown } from '../../pipeline/book/parse.ts';

const folder = join(process.argv[2]!, 'chapters');
let chapters = 0;
let characters = 0;
for (const name of readdirSync(folder).filter((file) => file.endsWith('.md'))) {
  const path = join(folder, name);
  const file = new VFile({ path, value: readFileSync(path, 'utf8') });
  parseMarkdown(file);
  chapters++;
  characters += String(file.value).length;
}
process.stdout.write(`${JSON.stringify({ chapters, characters })}\n`);

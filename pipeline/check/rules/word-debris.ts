import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { report } from '../report.ts';
import type { ChapterRule } from '../types.ts';

const id = 'word-debris';
// Word prints these where a field (page reference, cross-reference, TOC page number) lost its target.
const DEBRIS = /错误[!！]\s*(?:未定义书签|引用源未找到|未找到引用源|文档中没有指定样式的文字)[。.]?|Error! (?:Bookmark not defined|Reference source not found|No text of specified style in document)\.?/g;

export const wordDebris: ChapterRule = {
  kind: 'chapter',
  id,
  description: 'Word field errors left in the text (错误!未定义书签。, Error! Reference source not found.)',
  severity: 'error',
  fixable: false,
  docs: {
    flags: ['见第3页错误!未定义书签。', 'see Error! Reference source not found.'],
    accepts: ['错误是难免的。'],
  },
  plugin: () => (_tree: Root, file: VFile) => {
    const source = String(file.value);
    DEBRIS.lastIndex = 0;
    for (let m = DEBRIS.exec(source); m; m = DEBRIS.exec(source)) {
      // Not fixable: the debris stands for a reference whose target only the author knows.
      report(file, id, `Unexpected Word field error \`${m[0]}\`, expected the reference it stood for (or nothing)`, m.index, m.index + m[0].length);
    }
  },
};

import { mkdtemp, mkdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../pipeline/book/parse.ts';
import type { Chapter } from '../../pipeline/book/types.ts';
import { transformChapter } from '../../pipeline/transform/index.ts';

async function render(markdown: string, root?: string) {
  const dir = root ?? (await mkdtemp(join(tmpdir(), 'folio-sanitize-')));
  const file = new VFile({ value: markdown, path: join(dir, 'chapters/01.md') });
  const chapter: Chapter = { id: 'ch01', number: 1, status: 'written', title: 't', authors: [], keywords: [], file, tree: parseMarkdown(file) };
  const result = transformChapter(chapter, { root: dir, chapters: [chapter] })!;
  return { html: toHtml(result.body) + toHtml(result.notes.flatMap((n) => n.content)), result };
}

describe('raw HTML and resources of a manuscript', () => {
  it('removes scripts, frames, meta refresh, handlers, javascript: URLs and inline styles', async () => {
    const { html } = await render(
      [
        '正文<b onclick="steal()">粗</b><script>alert(1)</script>',
        '',
        '<iframe src="http://127.0.0.1:9/"></iframe>',
        '<meta http-equiv="refresh" content="0;url=http://127.0.0.1/">',
        '<a href="javascript:alert(1)">链接</a> <svg onload="x()"><use href="http://127.0.0.1/s.svg"/></svg>',
        '<div style="background:url(http://127.0.0.1/)">块</div><style>p{background:url(http://127.0.0.1/)}</style>',
        '',
        '句子[^1]。',
        '',
        '[^1]: 注<span onmouseover="x()">文</span>。',
      ].join('\n'),
    );
    for (const bad of ['<script', 'alert', '<iframe', '<meta', 'onclick', 'onload', 'onmouseover', 'javascript:', 'style', '127.0.0.1', '<svg']) {
      expect(html).not.toContain(bad);
    }
    expect(html).toContain('<b>粗</b>');
    expect(html).toContain('链接');
    expect(html).toContain('注<span>文</span>');
  });

  it('keeps folio\u2019s own note references but not ids forged by the manuscript', async () => {
    const { html } = await render('<a id="ch01-fn1" href="#x">伪造</a>\n\n句子[^1]。\n\n[^1]: 注。');
    expect(html).toContain('id="ch01-fnref1"');
    expect(html).not.toContain('id="ch01-fn1"');
  });

  it('keeps images inside the manuscript as assets and drops remote, missing and outside ones', async () => {
    const root = await mkdtemp(join(tmpdir(), 'folio-images-'));
    await mkdir(join(root, 'chapters/images'), { recursive: true });
    await writeFile(join(root, 'chapters/images/map.png'), 'png');
    const outside = await mkdtemp(join(tmpdir(), 'folio-outside-'));
    await writeFile(join(outside, 'secret.png'), 'secret');
    await symlink(join(outside, 'secret.png'), join(root, 'chapters/images/link.png'));
    const { html, result } = await render(
      [
        '![地图](images/map.png)',
        '![远程](http://127.0.0.1/x.png) ![本机](//127.0.0.1/y.png) ![数据](data:image/png;base64,AAAA)',
        '![缺失](images/none.png) ![越界](../../etc/passwd) ![绝对](/etc/passwd) ![链接](images/link.png)',
      ].join('\n\n'),
      root,
    );
    expect([...result.assets.values()]).toEqual([join(root, 'chapters/images/map.png')]);
    const [href] = result.assets.keys();
    expect(html).toContain(`src="${href}"`);
    expect(html.match(/<img/g)).toHaveLength(1);
    for (const alt of ['远程', '本机', '数据', '缺失', '越界', '绝对', '链接']) expect(html).toContain(alt);
    expect(html).not.toContain('127.0.0.1');
    expect(html).not.toContain('passwd');
  });
});

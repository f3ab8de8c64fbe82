import { spawnSync } from 'node:child_process';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

function folio(...args: string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/folio.mjs'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('folio CLI', () => {
  it('prints help for every command and exits 0', () => {
    for (const command of [[], ['import'], ['check'], ['build'], ['preview']]) {
      const { code, stdout } = folio(...command, '--help');
      expect(code).toBe(0);
      expect(stdout).toContain('Usage: folio');
    }
  });

  it('answers an unknown command with one line and exit 2', () => {
    const { code, stderr } = folio('bulid');
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')[0]).toContain("unknown command 'bulid'");
    expect(stderr).toContain('build');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('answers a bad flag or edition with exit 2 and no stack trace', () => {
    for (const args of [['build', '--edition', 'docx'], ['check', '--nope'], ['check', '--format', 'xml']]) {
      const { code, stderr } = folio(...args);
      expect(code).toBe(2);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('stops quietly, with the check’s exit code, when the reader of its output goes away (`| head`)', async () => {
    // Enough messages to fill the pipe: a write must fail once `head` has gone.
    const path = join(ROOT, 'tests/output/cli-epipe/noisy.md');
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `---\ntitle: x\n---\n\n${Array.from({ length: 2000 }, (_, i) => `半角,逗号${i}。`).join('\n\n')}\n`);
    const run = spawnSync('bash', ['-c', `node bin/folio.mjs check ${path} | head -c 1 >/dev/null; echo "exit \${PIPESTATUS[0]}"`], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stdout.trim()).toBe('exit 1');
    expect(run.stderr).not.toMatch(/EPIPE|\n\s+at /);
  });

  it('says when --out cannot be a folder (a file in the way), exit 2, one line', async () => {
    const file = join(ROOT, 'tests/output/cli-out-is-a-file');
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, 'not a folder');
    for (const out of [file, join(file, 'html')]) {
      const { code, stderr } = folio('build', '--manuscript', 'tests/fixtures/books/mini', '--edition', 'html', '--out', out);
      expect(code).toBe(2);
      expect(stderr).toContain(`cannot write the editions to ${out}: a file is in the way`);
      expect(stderr).not.toContain('internal error');
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('says at once when no folder can be made where --out, --into or FOLIO_CACHE_DIR points (a broken link, /proc)', async () => {
    // Node's recursive mkdir never returns there; a regression would hang until the timeout below.
    const link = join(ROOT, 'tests/output/cli-dangling');
    await rm(link, { force: true });
    await symlink(join(ROOT, 'tests/output/cli-nowhere'), link);
    const runs = [
      ['build', '--manuscript', 'tests/fixtures/books/mini', '--edition', 'html', '--out', join(link, 'dist')],
      ['build', '--manuscript', 'tests/fixtures/books/mini', '--edition', 'html', '--out', '/proc/folio-dist'],
      ['import', 'tests/fixtures/import/seed-word-export.txt', '--out', join(link, 'manuscript')],
    ];
    for (const args of runs) {
      const run = spawnSync(process.execPath, [join(ROOT, 'bin/folio.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toContain('no folder can be made there');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
    const cache = spawnSync(process.execPath, [join(ROOT, 'bin/folio.mjs'), 'build', '--manuscript', 'tests/fixtures/books/mini', '--edition', 'epub', '--out', join(ROOT, 'tests/output/cli-cache')], {
      cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, FOLIO_CACHE_DIR: join(link, 'cache') },
    });
    expect(cache.status).toBe(1);
    expect(cache.stderr).toContain(`cannot keep the cache in ${join(link, 'cache')}`);
    expect(cache.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a file that would never finish reading (`folio check /dev/zero`, `folio import /dev/zero`), at once', () => {
    const check = spawnSync(process.execPath, [join(ROOT, 'bin/folio.mjs'), 'check', '/dev/zero', '--format', 'json'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(check.status).toBe(1);
    expect(JSON.parse(check.stdout)).toMatchObject([{ ruleId: 'file-unreadable', message: 'Unexpected file that is a device or pipe, not a file' }]);
    const imported = spawnSync(process.execPath, [join(ROOT, 'bin/folio.mjs'), 'import', '/dev/zero', '--out', join(ROOT, 'tests/output/cli-zero')], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(imported.status).toBe(2);
    expect(imported.stderr.trim()).toBe('folio import: /dev/zero: is a device or pipe, not a file');
  });

  it('refuses to build a folder without book.yaml, exit 1, saying why', () => {
    const { code, stderr } = folio('build', '--manuscript', 'tests', '--edition', 'html', '--out', join(ROOT, 'tests/output/cli-none'));
    expect(code).toBe(1);
    expect(stderr).toContain('No book.yaml');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

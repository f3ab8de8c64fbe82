// Refreshes the compiled copy of pipeline/ in .build/ when a source changed since the last compile.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestSource, STAMP } from '../bin/compiled.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(STAMP) || statSync(STAMP).mtimeMs < newestSource()) {
  // The stamp carries the time the compile started: a source saved meanwhile makes the copy stale.
  const started = new Date();
  rmSync(join(root, '.build'), { recursive: true, force: true });
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  mkdirSync(dirname(STAMP), { recursive: true });
  writeFileSync(STAMP, started.toISOString());
  utimesSync(STAMP, started, started);
}

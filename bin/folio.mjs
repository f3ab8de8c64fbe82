#!/usr/bin/env node
// folio is written in TypeScript. It runs from the bundled copy in .build/ when that is fresh, else
// straight from the sources through tsx: either way there is no compile step to forget.
import { freshCompiled } from './compiled.mjs';

const compiled = freshCompiled('cli');
if (compiled) {
  await import(compiled);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../pipeline/cli.ts');
}

#!/usr/bin/env node
// The benchmark harness is TypeScript run through tsx, like folio itself: no compile step.
import { register } from 'tsx/esm/api';
register();
await import('../bench/cli.ts');

#!/usr/bin/env node
// folio is written in TypeScript and run through tsx, so there is no compile step to forget.
import { register } from 'tsx/esm/api';
register();
await import('../pipeline/cli.ts');

#!/usr/bin/env node
// Entry point of the `nova` command. The CLI is written in TypeScript, so tsx's
// loader is registered first; no build step is needed.
import { register } from 'tsx/esm/api';

register();
const { runNova } = await import('../framework/cli/nova.ts');
process.exitCode = await runNova(process.argv.slice(2));

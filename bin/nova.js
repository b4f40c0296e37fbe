#!/usr/bin/env node
// Entry point of the `nova` command. The CLI is written in TypeScript, so tsx's
// loader is registered first; no build step is needed.
import { register } from 'tsx/esm/api';

register();

// A closed pipe (`nova runs | head -1`) ends the output, not the command with a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const { findProjectRoot } = await import('../framework/cli/project-root.ts');
const root = findProjectRoot(process.cwd());
if (root !== undefined) process.chdir(root);

const { runNova } = await import('../framework/cli/nova.ts');
process.exitCode = await runNova(process.argv.slice(2));

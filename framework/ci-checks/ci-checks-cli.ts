// Entry point of `npm run lint:ci`: checks workflows, Dockerfiles, compose.yaml and monitoring offline.
import process from 'node:process';

import { checkRepository } from './check-repository.ts';
import { formatProblem } from './problem.ts';

const { problems, notes } = await checkRepository(process.cwd());

for (const note of notes) console.log(`lint:ci: ${note}`);
for (const problem of problems) console.error(formatProblem(problem));

if (problems.length > 0) {
  console.error(`lint:ci: ${problems.length} problem(s) found.`);
  process.exitCode = 1;
} else {
  console.log('lint:ci: no problems found.');
}

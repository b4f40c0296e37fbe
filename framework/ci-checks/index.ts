// Offline checks of the CI setup: workflows, Dockerfiles, the Compose file and monitoring rules.
export { formatProblem, type CiProblem } from './problem.ts';
export { parseYamlSource, type YamlSource } from './yaml-source.ts';
export { lintWorkflow } from './workflow-lint.ts';
export { checkWorkflowPolicy } from './workflow-policy.ts';
export { checkPlaywrightMatrix } from './playwright-matrix.ts';
export { listPlaywrightProjects } from './playwright-projects.ts';
export { lintDockerfile } from './dockerfile-lint.ts';
export { validateComposeFile } from './compose-validate.ts';
export { runPromtool, type PromtoolResult } from './promtool.ts';
export { checkRepository, CI_FILES } from './check-repository.ts';

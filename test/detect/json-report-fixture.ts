/**
 * A Playwright JSON report in the reporter's own shape, as `playwright test --reporter=json`
 * writes it, with a passing, a failing, a quarantined and a skipped test.
 */
import type { JsonReport } from '../../framework/detect/index.ts';

export const ROOT = '/repo';

export function makeJsonReport(attachmentPath?: string): JsonReport {
  const result = (status: string, extra: object = {}) => ({
    status,
    startTime: '2026-12-04T10:00:05.000Z',
    duration: 1500,
    attachments: [],
    ...extra,
  });
  return {
    config: {
      configFile: `${ROOT}/playwright.config.ts`,
      rootDir: `${ROOT}/specs`,
      projects: [
        { name: 'api', testDir: `${ROOT}/specs/api` },
        { name: 'ui', testDir: `${ROOT}/specs/ui` },
      ],
    },
    suites: [
      {
        title: 'api/iris/predict.spec.ts',
        file: 'api/iris/predict.spec.ts',
        specs: [],
        suites: [
          {
            title: 'POST /predict',
            file: 'api/iris/predict.spec.ts',
            specs: [
              {
                title: 'typical versicolor is predicted as versicolor',
                file: 'api/iris/predict.spec.ts',
                line: 20,
                tests: [
                  {
                    projectName: 'api',
                    status: 'unexpected',
                    results: [
                      result('failed', {
                        error: {
                          message:
                            '\u001b[2mexpect(\u001b[22mreceived\u001b[2m).toBe(\u001b[22mexpected\u001b[2m)\u001b[22m\n\nExpected: "versicolor"',
                          stack:
                            'Error: expect(received).toBe(expected)\n    at /repo/specs/api/iris/predict.spec.ts:32:28',
                        },
                        attachments: [
                          {
                            name: 'nova-load',
                            contentType: 'application/vnd.nova.load+json',
                            body: Buffer.from('{"scenario":"predict"}').toString('base64'),
                          },
                          ...(attachmentPath === undefined
                            ? []
                            : [
                                {
                                  name: 'api-exchanges.json',
                                  contentType: 'application/json',
                                  path: attachmentPath,
                                },
                              ]),
                          {
                            name: 'screenshot',
                            contentType: 'image/png',
                            path: '/nowhere/shot.png',
                          },
                        ],
                      }),
                    ],
                  },
                ],
              },
              {
                title: 'same sample gives same prediction',
                file: 'api/iris/predict.spec.ts',
                line: 40,
                tests: [{ projectName: 'api', status: 'expected', results: [result('passed')] }],
              },
            ],
          },
        ],
      },
      {
        title: 'ui/iris/predict.spec.ts',
        file: 'ui/iris/predict.spec.ts',
        specs: [
          {
            title: 'quarantined page test',
            file: 'ui/iris/predict.spec.ts',
            line: 5,
            // A quarantined failure is expected, so the report counts it as such.
            tests: [{ projectName: 'ui', status: 'expected', results: [result('failed')] }],
          },
          {
            title: 'timed out page test',
            file: 'ui/iris/predict.spec.ts',
            line: 9,
            tests: [
              {
                projectName: 'ui',
                status: 'unexpected',
                results: [
                  result('timedOut', {
                    errors: [{ message: 'Test timeout of 30000ms exceeded.' }],
                  }),
                ],
              },
            ],
          },
          {
            title: 'skipped page test',
            file: 'ui/iris/predict.spec.ts',
            line: 12,
            tests: [{ projectName: 'ui', status: 'skipped', results: [result('skipped')] }],
          },
        ],
      },
    ],
    errors: [],
    stats: {
      startTime: '2026-12-04T10:00:00.000Z',
      duration: 9000,
      expected: 2,
      unexpected: 2,
      flaky: 0,
      skipped: 1,
    },
  };
}

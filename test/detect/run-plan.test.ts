import { describe, expect, it } from 'vitest';

import {
  listTests,
  planCleanRun,
  planFaultRun,
  suiteLayout,
  type CatalogueFault,
} from '../../framework/detect/index.ts';
import { makeJsonReport, ROOT } from './json-report-fixture.ts';

const report = makeJsonReport();
const layout = suiteLayout(report, listTests(report));

const fault = (layer: CatalogueFault['layer'], system = 'iris'): CatalogueFault => ({
  id: `${system}.some-fault`,
  system,
  kind: 'contract',
  description: 'breaks something',
  layer,
  file: `systems-under-test/${system}/faults.json`,
});

describe('suiteLayout', () => {
  it('finds the systems each project has specs for', () => {
    expect(layout.systemsByProject).toEqual(
      new Map([
        ['api', new Set(['iris'])],
        ['ui', new Set(['iris'])],
      ]),
    );
  });
});

describe('planFaultRun', () => {
  it("runs every project with the system's specs in scope system", () => {
    const target = planFaultRun(fault('api'), layout, 'system', ROOT);

    expect(target).toEqual({
      projects: ['api', 'ui'],
      fileFilters: ['specs/api/iris/', 'specs/ui/iris/'],
      systems: ['iris'],
      expectedProject: 'api',
      notes: [],
    });
  });

  it('runs only the expected project in scope expected', () => {
    const target = planFaultRun(fault('ui'), layout, 'expected', ROOT);

    expect(target.projects).toEqual(['ui']);
    expect(target.fileFilters).toEqual(['specs/ui/iris/']);
  });

  it('says when the expected layer has no project here', () => {
    const expectedOnly = planFaultRun(fault('load'), layout, 'expected', ROOT);
    const wholeSystem = planFaultRun(fault('load'), layout, 'system', ROOT);

    expect(expectedOnly.projects).toEqual([]);
    expect(expectedOnly.expectedProject).toBeUndefined();
    expect(expectedOnly.notes).toEqual([
      'Layer load has no Playwright project "load" in this configuration, so only other layers could catch it.',
    ]);
    expect(wholeSystem.projects).toEqual(['api', 'ui']);
  });

  it('notes unit layer and missing specs', () => {
    expect(planFaultRun(fault('unit'), layout, 'system', ROOT).notes).toEqual([
      'Layer unit runs outside Playwright, so nova detect cannot measure it.',
    ]);
    const other = planFaultRun(fault('api', 'pipeline'), layout, 'system', ROOT);
    expect(other.projects).toEqual([]);
    expect(other.notes).toEqual(['Project "api" has no specs for pipeline (specs/api/pipeline/).']);
  });
});

describe('planCleanRun', () => {
  it('covers every project and system that the fault runs covered', () => {
    const targets = [
      planFaultRun(fault('api'), layout, 'expected', ROOT),
      planFaultRun(fault('ui'), layout, 'expected', ROOT),
    ];

    expect(planCleanRun(targets, layout, ROOT)).toEqual({
      projects: ['api', 'ui'],
      fileFilters: ['specs/api/iris/', 'specs/ui/iris/'],
      systems: ['iris'],
    });
  });
});

/**
 * Which Playwright project runs the specs of each test layer. The projects are named after
 * their layer in playwright.config.ts (specs/<layer>/<system>/); unit tests run under vitest,
 * outside Playwright, so the unit layer has no project.
 */
import type { FaultLayer } from './catalogue.ts';

export const LAYER_PROJECTS: Readonly<Record<FaultLayer, string | undefined>> = {
  ui: 'ui',
  api: 'api',
  visual: 'visual',
  load: 'load',
  data: 'data',
  unit: undefined,
};

/** The layer whose specs a project runs, or the project's own name when it is no layer's. */
export function layerOfProject(project: string): string {
  const entry = Object.entries(LAYER_PROJECTS).find(([, name]) => name === project);
  return entry?.[0] ?? project;
}

/** Which projects a fault's run includes. */
export type LayerScope = 'expected' | 'system';

export const LAYER_SCOPES: readonly LayerScope[] = ['expected', 'system'];

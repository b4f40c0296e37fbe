import type { Faults } from '../../../shared/faults.ts';
import type { JobGate } from '../job-gate.ts';
import type { OpenCv } from '../opencv.ts';

/** What every route needs: OpenCV, loaded once at start-up, the job gate and the seeded faults. */
export interface RouteContext {
  cv: OpenCv;
  gate: JobGate;
  faults: Faults;
}

export { annotate, KIND_COLOURS } from './annotate.ts';
export { writeArtifacts, artifactPaths, type ArtifactPaths } from './artifacts.ts';
export {
  BASELINES_DIR,
  CANDIDATES_DIR,
  USAGE_DIR,
  baselineKey,
  isCI,
  locateBaseline,
  specPathOf,
  type BaselineLocation,
} from './baseline-paths.ts';
export {
  compareWithBaseline,
  projectRoot,
  type CheckMode,
  type VisualResult,
} from './baseline-check.ts';
export { captureStable, UnstableCaptureError, type Capture } from './capture.ts';
export { classifyRegions, type ClassifiedRegion } from './classify.ts';
export { compareImages, compareDecoded, type ImageComparison } from './compare.ts';
export { nameElements } from './element-names.ts';
export { toMatchBaseline } from './matcher.ts';
export {
  resolveCompareOptions,
  validateBaselineName,
  validateVisualOptions,
  VisualOptionsError,
  type CaptureOptions,
  type CompareOptions,
  type VisualOptions,
} from './options.ts';
export {
  decodePng,
  encodePng,
  readPngSize,
  resolveCodec,
  type CodecChoice,
  type CodecName,
} from './png-codec.ts';
export { findRegions, maskBounds, type PixelRegion } from './regions.ts';
export {
  NOVA_VISUAL_ATTACHMENT,
  NOVA_VISUAL_CONTENT_TYPE,
  REGION_KINDS,
  type Box,
  type ComparisonStatus,
  type Region,
  type RegionElement,
  type RegionKind,
  type RgbaImage,
  type VisualAttachment,
} from './types.ts';
export { readUsage, recordUsage, currentRun, type UsageRecord } from './usage.ts';
export {
  approveCandidates,
  baselineStatus,
  matchesPattern,
  pruneBaselines,
  BaselineWriteRefused,
  type BaselineEntry,
  type BaselineState,
} from './baseline-store.ts';

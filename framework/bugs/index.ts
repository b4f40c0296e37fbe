/** Public API of the bug layer. Other folders import only this file. */
export {
  errorKind,
  fingerprintBasis,
  fingerprintFailure,
  regionPlace,
  visualSignature,
  type FailureForFingerprint,
  type FailureLayerKind,
  type FingerprintBasis,
} from './fingerprint.ts';
export { normaliseMessage, stripAnsi } from './normalise.ts';
export {
  firstProjectFrame,
  parseStack,
  type ProjectFrame,
  type StackFrame,
} from './stack-frames.ts';
export {
  LOAD_ATTACHMENT,
  LOAD_CONTENT_TYPE,
  VISUAL_ATTACHMENT,
  VISUAL_CONTENT_TYPE,
  brokenLoadSummaries,
  failedVisualComparisons,
  parseLoadSummary,
  parseVisualComparison,
  type LoadSummary,
  type LoadThreshold,
  type VisualComparison,
  type VisualRegion,
} from './layer-attachments.ts';

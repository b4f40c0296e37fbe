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
  assignBugs,
  groupOf,
  systemOfTest,
  type BugAssignment,
  type KnownBugs,
} from './bug-groups.ts';
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
export { REDACTED, Redactor, secretValuesOf } from './redact.ts';
export { BugFiler, type FilerOptions, type SyncResult } from './filer.ts';
export { GitHubClient, type GitHubClientOptions, type IssueRef } from './github-client.ts';
export {
  DEFAULT_GITHUB_API_URL,
  GitHubSettingsError,
  resolveGitHubSettings,
  type GitHubSettings,
} from './github-settings.ts';
export {
  MAX_BODY_LENGTH,
  draftFileName,
  fingerprintFromBody,
  fingerprintMarker,
  renderCloseComment,
  renderIssueBody,
  renderRunComment,
  runMarker,
  truncateBody,
  type BugReport,
  type FailureReport,
  type RunInfo,
  type StepNode,
} from './issue-content.ts';
export {
  MAX_TITLE_LENGTH,
  issueTitleOf,
  kindOf,
  labelsOf,
  layerOf,
  symptomOf,
  type BugKind,
  type BugLayer,
} from './classify.ts';
export {
  bugsOfSymptoms,
  bugsToSync,
  completeRunIds,
  countPassingRun,
  getBug,
  listBugs,
  recordBugs,
  recordBugsIn,
  runBugGroups,
  runStatus,
  symptomsOfBug,
  type BugState,
  type StoredBug,
} from './bug-store.ts';
export {
  flakyTestsByHistory,
  groupFailures,
  renderDraft,
  runBugStep,
  type BugStepResult,
} from './bug-step.ts';
export {
  DEFAULT_BRANCH,
  DEFAULT_PASSES_TO_CLOSE,
  BugStepOptionsError,
  resolveBugStepOptions,
  type BugStepOptions,
} from './bug-settings.ts';

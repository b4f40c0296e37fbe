export { checkValuesInRange, checkValuesInSet, type ValueRange } from './allowed-values.ts';
export { openDataSource, type DataSource, type DataSourceOptions } from './data-source.ts';
export { checkFreshness, type FreshnessOptions } from './freshness.ts';
export { dataMatchers } from './matchers.ts';
export { checkNoNulls } from './no-nulls.ts';
export { checkReferences, type ReferenceOptions } from './referential-integrity.ts';
export { checkEqualRows, diffRows, type RowDiff, type RowDiffOptions } from './row-diff.ts';
export { checkRowCount, type CountRange } from './row-count.ts';
export {
  formatRow,
  normalizeValue,
  queryRows,
  quoteIdentifier,
  tableRows,
  type CheckResult,
  type Row,
  type RowSource,
} from './rows.ts';
export { createScratchDatabase, type ScratchDatabase } from './scratch-database.ts';
export { checkUniqueKey } from './unique-key.ts';

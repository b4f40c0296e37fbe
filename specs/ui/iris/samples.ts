import type { MeasurementInput } from '../../../pages/iris/index.ts';

/** One typical flower per species: per-class means of the Iris data set, rounded to 0.1 cm. */
export const TYPICAL_FLOWERS: Record<'setosa' | 'versicolor' | 'virginica', MeasurementInput> = {
  setosa: { sepalLength: 5.0, sepalWidth: 3.4, petalLength: 1.5, petalWidth: 0.2 },
  versicolor: { sepalLength: 5.9, sepalWidth: 2.8, petalLength: 4.3, petalWidth: 1.3 },
  virginica: { sepalLength: 6.6, sepalWidth: 3.0, petalLength: 5.6, petalWidth: 2.0 },
};

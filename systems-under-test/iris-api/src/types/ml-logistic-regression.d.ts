// ml-logistic-regression 2.0.0 ships no type declarations. These cover the part of its
// public API that the baseline uses, read from the package's src/logreg.js.
declare module 'ml-logistic-regression' {
  import type { Matrix } from 'ml-matrix';

  export interface LogisticRegressionOptions {
    /** Number of gradient steps per one-vs-all classifier (package default 50000). */
    numSteps?: number;
    /** Gradient step size (package default 5e-4). */
    learningRate?: number;
  }

  /** One-vs-all logistic regression trained by batch gradient ascent. */
  export default class LogisticRegression {
    constructor(options?: LogisticRegressionOptions);

    /** Trains on `features` (one row per sample) and a column vector of class indexes 0..k-1. */
    train(features: Matrix, labels: Matrix): void;

    /** Returns the predicted class index of each row. */
    predict(features: Matrix): number[];
  }
}

import { CLASS_NAMES, FEATURE_NAMES, toFeatureRow } from './dataset.ts';
import type { IrisSample, Species } from './dataset.ts';
import { ArtifactLoadError } from './artifact-store.ts';
import type { StoredModel } from './artifact-store.ts';
import { argmax, loadForest, predictClassShares } from './forest.ts';
import { NO_FAULTS } from './faults.ts';
import type { Faults } from './faults.ts';

/** Predicted species of one sample and the share of trees voting for each species. */
export interface Prediction {
  species: Species;
  probabilities: Record<Species, number>;
}

/** Serves predictions from a loaded model artifact. */
export class IrisPredictor {
  readonly version: string;
  private readonly forest: ReturnType<typeof loadForest>;
  private readonly classNames: readonly Species[];
  private readonly petalScale: number;

  constructor(model: StoredModel, faults: Faults = NO_FAULTS) {
    const { artifact } = model;
    const sameFeatures = JSON.stringify(artifact.features) === JSON.stringify(FEATURE_NAMES);
    const sameClasses = JSON.stringify(artifact.classes) === JSON.stringify(CLASS_NAMES);
    if (!sameFeatures || !sameClasses) {
      throw new ArtifactLoadError(
        `The model artifact "${model.modelPath}" has features ${JSON.stringify(artifact.features)} ` +
          `and classes ${JSON.stringify(artifact.classes)}, but this service expects ` +
          `${JSON.stringify(FEATURE_NAMES)} and ${JSON.stringify(CLASS_NAMES)}. ` +
          'Run "npm run train:iris" to train a compatible model.',
      );
    }

    this.version = artifact.version;
    this.forest = loadForest(artifact.forest);

    // Seeded fault iris.swapped-labels: class names looked up in the wrong order.
    this.classNames = faults.on('iris.swapped-labels')
      ? ['setosa', 'virginica', 'versicolor']
      : CLASS_NAMES;
    // Seeded fault iris.unscaled-feature: petal measurements converted to millimetres.
    this.petalScale = faults.on('iris.unscaled-feature') ? 10 : 1;
  }

  /** Predicts each sample, in input order. */
  predict(samples: readonly IrisSample[]): Prediction[] {
    const shares = predictClassShares(
      this.forest,
      samples.map((sample) =>
        toFeatureRow({
          ...sample,
          petalLength: sample.petalLength * this.petalScale,
          petalWidth: sample.petalWidth * this.petalScale,
        }),
      ),
      CLASS_NAMES.length,
    );

    return shares.map((row) => ({
      species: this.classNames[argmax(row)] as Species,
      probabilities: Object.fromEntries(
        this.classNames.map((name, index) => [name, row[index] ?? 0]),
      ) as Record<Species, number>,
    }));
  }
}

export {
  IrisPredictionPage,
  MEASUREMENT_LABELS,
  MEASUREMENTS,
  type Measurement,
  type MeasurementInput,
} from './prediction-page.ts';

/**
 * Live anomalies: a seeded stream of sensor readings (a slow wave plus noise, with a spike every
 * 50 readings) scored by a rolling z-score. Each stream starts from reading 0, so every client
 * sees the same sequence and the same flags.
 */
import { SENSORS, type Sensor } from '../data/catalogue.ts';
import { createRandom, normal } from '../stats/random.ts';
import { RollingZScore } from '../stats/rolling-z-score.ts';

export const Z_WINDOW = 30;
export const Z_THRESHOLD = 3;
/** Readings between two injected spikes, and the offset of the first one. */
export const SPIKE_EVERY = 50;
export const SPIKE_OFFSET = 37;

export interface SensorReading {
  index: number;
  sensor: Sensor;
  value: number;
  /** Null until the window is full. */
  z: number | null;
  anomaly: boolean;
}

/** Returns a function that produces the next reading of `sensor` on each call. */
export function createSensorStream(sensor: Sensor, seed: number): () => SensorReading {
  const random = createRandom(seed + SENSORS.indexOf(sensor) + 1);
  const detector = new RollingZScore(Z_WINDOW, Z_THRESHOLD);
  const baseline = sensor === 'line-1' ? 20 : 35;
  let index = 0;

  return () => {
    const wave = 1.5 * Math.sin((2 * Math.PI * index) / 40);
    const spike = index % SPIKE_EVERY === SPIKE_OFFSET ? 9 : 0;
    const value = Math.round((baseline + wave + normal(random, 0, 0.8) + spike) * 1000) / 1000;
    const flag = detector.push(value);
    const reading: SensorReading = {
      index,
      sensor,
      value,
      z: Number.isFinite(flag.z) ? Math.round(flag.z * 1000) / 1000 : null,
      anomaly: flag.anomaly,
    };
    index++;
    return reading;
  };
}

export function firstReadings(sensor: Sensor, seed: number, count: number): SensorReading[] {
  const next = createSensorStream(sensor, seed);
  return Array.from({ length: count }, () => next());
}

import { expect, test } from '../../dashboard-fixtures.ts';

interface Reading {
  index: number;
  value: number;
  z: number | null;
  anomaly: boolean;
}

test.describe('dashboard live anomalies', () => {
  test(
    'live chart receives and flags points',
    { tag: '@DASHBOARD-045' },
    async ({ sharedViews, dashboardApi }) => {
      const { live } = sharedViews;
      await live.open('interval=40');

      await expect
        .poll(() => live.readingsReceived(), { timeout: 15_000 })
        .toBeGreaterThanOrEqual(40);
      // One read of the data table, so that both series come from the same drawing.
      const drawn = await live.liveChart.points();
      const points = drawn.filter((point) => point.series === 'Reading');
      const flags = new Map(
        drawn
          .filter((point) => point.series === 'Flagged')
          .map((point) => [point.point, point.value]),
      );
      const lastIndex = Number(points.at(-1)!.point);

      // The batch endpoint returns the same seeded readings, so every point can be checked by its index.
      const expected = (
        await dashboardApi.get('/api/live/readings').query({ count: lastIndex + 1 })
      ).body as {
        readings: Reading[];
      };
      expect(points.length).toBeGreaterThanOrEqual(40);
      for (const point of points) {
        const reading = expected.readings[Number(point.point)]!;
        expect(Number(point.value), `reading ${point.point}`).toBe(reading.value);
        expect(flags.get(point.point), `flag of reading ${point.point}`).toBe(
          reading.anomaly ? String(reading.value) : '–',
        );
      }
      // The seeded spike at reading 37 is the first row of the flagged table.
      const spike = expected.readings[37]!;
      expect(spike.anomaly).toBe(true);
      await expect(live.anomaliesTable.bodyRows.first()).toHaveText(
        new RegExp(`^37${spike.value.toFixed(3)}${spike.z!.toFixed(2)}$`),
      );
    },
  );

  test(
    'pause and resume continue the stream',
    { tag: '@DASHBOARD-046' },
    async ({ sharedViews }) => {
      const { live } = sharedViews;
      await live.open('interval=40');
      await expect
        .poll(() => live.readingsReceived(), { timeout: 15_000 })
        .toBeGreaterThanOrEqual(5);

      await live.pauseButton.click();
      await expect(live.pauseButton).toHaveText('Resume');
      const pausedAt = await live.readingsReceived();
      await live.pauseButton.click();

      await expect(live.pauseButton).toHaveText('Pause');
      await expect
        .poll(() => live.readingsReceived(), { timeout: 15_000 })
        .toBeGreaterThanOrEqual(pausedAt + 5);
      // Resuming requests the reading after the last one, so the chart has no gap and no repeat.
      const indexes = (await live.liveChart.series('Reading')).map((point) => Number(point.point));
      expect(indexes).toEqual(indexes.map((_, offset) => indexes[0]! + offset));
    },
  );
});

import { expect, test } from '../../dashboard-fixtures.ts';
import { readingSchema } from './contract.ts';

/** Splits a server-sent event stream into its events (WHATWG HTML, "Server-sent events"). */
function parseEvents(text: string): { id?: string; event: string; data: string }[] {
  return text
    .split('\n\n')
    .filter((block) => block.includes('data:'))
    .map((block) => {
      const fields = Object.fromEntries(
        block
          .split('\n')
          .map((line) => [
            line.slice(0, line.indexOf(':')),
            line.slice(line.indexOf(':') + 1).trim(),
          ]),
      ) as Record<string, string>;
      return { id: fields.id, event: fields.event ?? 'message', data: fields.data ?? '' };
    });
}

test.describe('dashboard live stream', () => {
  test(
    'streams scored readings, then ends',
    { tag: '@DASHBOARD-013' },
    async ({ dashboardApi }) => {
      const response = await dashboardApi
        .get('/api/live/stream')
        .query({ sensor: 'line-1', interval: 20, limit: 5, start: 35 })
        .buffer(true)
        .parse((res, done) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => done(null, text));
        });

      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-store');
      const events = parseEvents(response.body as string);
      const readings = events
        .filter((event) => event.event === 'reading')
        .map((event) => JSON.parse(event.data) as Record<string, unknown>);
      expect(readings.map((reading) => reading.index)).toEqual([35, 36, 37, 38, 39]);
      for (const reading of readings) expect(reading).toMatchSchema(readingSchema);
      // The seeded spike at reading 37 is the only one flagged in this stretch.
      expect(readings.map((reading) => reading.anomaly)).toEqual([
        false,
        false,
        true,
        false,
        false,
      ]);
      expect(events.at(-1)!.event).toBe('end');
    },
  );
});

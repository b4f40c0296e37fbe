/**
 * SVG charts of a run: the latency distribution and requests per second over
 * time. Plain SVG with no script or external resource, so that the Allure
 * report and a browser show them offline.
 */
import { decodeHistogram, latencyBuckets } from './histogram.ts';
import type { LoadSummary } from './summary.ts';
import { formatLatency } from './summary-format.ts';

const WIDTH = 720;
const HEIGHT = 320;
const MARGIN = { top: 36, right: 20, bottom: 48, left: 64 };
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** Round tick values from 0 to at least `max`: steps of 1, 2 or 5 times a power of ten. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const step =
    [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= raw) ?? raw;
  const ticks: number[] = [];
  for (let value = 0; value < max + step; value += step) ticks.push(Number(value.toPrecision(12)));
  return ticks;
}

function frame(
  title: string,
  body: string[],
  yTicks: number[],
  yMax: number,
  yLabel: (value: number) => string,
  xAxisTitle: string,
): string {
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="11">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${WIDTH / 2}" y="20" text-anchor="middle" font-size="14">${escapeXml(title)}</text>`,
  ];
  for (const tick of yTicks) {
    const y = MARGIN.top + PLOT_HEIGHT - (tick / yMax) * PLOT_HEIGHT;
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_WIDTH}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#e0e0e0"/>`,
      `<text x="${MARGIN.left - 6}" y="${(y + 4).toFixed(1)}" text-anchor="end">${escapeXml(yLabel(tick))}</text>`,
    );
  }
  parts.push(...body);
  parts.push(
    `<line x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_WIDTH}" y1="${MARGIN.top + PLOT_HEIGHT}" y2="${MARGIN.top + PLOT_HEIGHT}" stroke="#333"/>`,
    `<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${MARGIN.top + PLOT_HEIGHT}" stroke="#333"/>`,
    `<text x="${MARGIN.left + PLOT_WIDTH / 2}" y="${HEIGHT - 8}" text-anchor="middle">${escapeXml(xAxisTitle)}</text>`,
    '</svg>',
  );
  return parts.join('\n') + '\n';
}

/** Bars of the latency distribution on a logarithmic latency axis, with p50, p95 and p99 marked. */
export function latencyHistogramSvg(summary: LoadSummary): string {
  const buckets = latencyBuckets(decodeHistogram(summary.histogram));
  const title = `${summary.scenario}: latency distribution (${summary.requests} requests)`;
  if (buckets.length === 0) return frame(title, [], [0, 1], 1, String, 'latency (no responses)');

  const maxCount = Math.max(...buckets.map(([, , count]) => count));
  const yTicks = niceTicks(maxCount);
  const yMax = yTicks[yTicks.length - 1] ?? 1;
  const minUs = buckets[0]![0];
  const maxUs = buckets[buckets.length - 1]![1];
  const xOf = (us: number): number =>
    MARGIN.left + (Math.log(us / minUs) / Math.log(maxUs / minUs)) * PLOT_WIDTH;

  const body: string[] = [];
  for (const [lower, upper, count] of buckets) {
    if (count === 0) continue;
    const x = xOf(lower);
    const height = (count / yMax) * PLOT_HEIGHT;
    body.push(
      `<rect x="${x.toFixed(1)}" y="${(MARGIN.top + PLOT_HEIGHT - height).toFixed(1)}" width="${Math.max(1, xOf(upper) - x - 1).toFixed(1)}" height="${height.toFixed(1)}" fill="#4e79a7"><title>${escapeXml(`${formatLatency(lower)} to ${formatLatency(upper)}: ${count}`)}</title></rect>`,
    );
  }
  // Each label on its own line, because p95 and p99 are often close together.
  for (const [row, [label, us, colour]] of (
    [
      ['p50', summary.latencyUs.p50, '#59a14f'],
      ['p95', summary.latencyUs.p95, '#f28e2b'],
      ['p99', summary.latencyUs.p99, '#e15759'],
    ] as const
  ).entries()) {
    const x = Math.min(MARGIN.left + PLOT_WIDTH, Math.max(MARGIN.left, xOf(Math.max(us, minUs))));
    body.push(
      `<line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${MARGIN.top}" y2="${MARGIN.top + PLOT_HEIGHT}" stroke="${colour}" stroke-dasharray="4 3"/>`,
      `<text x="${(x + 3).toFixed(1)}" y="${MARGIN.top + 10 + row * 12}" fill="${colour}">${label} ${escapeXml(formatLatency(us))}</text>`,
    );
  }
  for (let index = 0; index <= 4; index += 1) {
    const us = minUs * Math.pow(maxUs / minUs, index / 4);
    const anchor = index === 0 ? 'start' : index === 4 ? 'end' : 'middle';
    body.push(
      `<text x="${xOf(us).toFixed(1)}" y="${MARGIN.top + PLOT_HEIGHT + 16}" text-anchor="${anchor}">${escapeXml(formatLatency(us))}</text>`,
    );
  }
  return frame(title, body, yTicks, yMax, (value) => String(value), 'latency (logarithmic scale)');
}

/** Responses per second over the run, with failed responses in red. */
export function rpsOverTimeSvg(summary: LoadSummary): string {
  const points = summary.timeline;
  const title = `${summary.scenario}: requests per second (mean ${summary.rps.toFixed(1)}/s)`;
  if (points.length === 0) return frame(title, [], [0, 1], 1, String, 'seconds');

  const maxRate = Math.max(...points.map((point) => point.requests));
  const yTicks = niceTicks(maxRate);
  const yMax = yTicks[yTicks.length - 1] ?? 1;
  const xOf = (second: number): number => MARGIN.left + (second / points.length) * PLOT_WIDTH;
  const yOf = (value: number): number => MARGIN.top + PLOT_HEIGHT - (value / yMax) * PLOT_HEIGHT;

  const line = points
    .map(
      (point, index) =>
        `${index === 0 ? 'M' : 'L'}${xOf(point.second).toFixed(1)},${yOf(point.requests).toFixed(1)}`,
    )
    .join(' ');
  const failed = points
    .map(
      (point, index) =>
        `${index === 0 ? 'M' : 'L'}${xOf(point.second).toFixed(1)},${yOf(point.failed).toFixed(1)}`,
    )
    .join(' ');
  const body = [
    `<path d="M${xOf(0).toFixed(1)},${yOf(points[0]!.requests).toFixed(1)} ${line.slice(1)}" fill="none" stroke="#4e79a7" stroke-width="2"/>`,
    `<path d="M${xOf(0).toFixed(1)},${yOf(points[0]!.failed).toFixed(1)} ${failed.slice(1)}" fill="none" stroke="#e15759" stroke-width="1.5"/>`,
    `<text x="${MARGIN.left + PLOT_WIDTH - 4}" y="${MARGIN.top + 12}" text-anchor="end" fill="#4e79a7">responses/s</text>`,
    `<text x="${MARGIN.left + PLOT_WIDTH - 4}" y="${MARGIN.top + 26}" text-anchor="end" fill="#e15759">failed/s</text>`,
  ];
  for (const tick of niceTicks(points.length, 6)) {
    if (tick > points.length) continue;
    body.push(
      `<text x="${xOf(tick).toFixed(1)}" y="${MARGIN.top + PLOT_HEIGHT + 16}" text-anchor="middle">${tick}</text>`,
    );
  }
  return frame(title, body, yTicks, yMax, (value) => String(value), 'seconds since the start');
}

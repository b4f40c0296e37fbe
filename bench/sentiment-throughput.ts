/**
 * Measures how fast the sentiment model scores the 3,000 labelled sentences of the `sentiment`
 * package, next to the package's own analyze() as the peer.
 *
 *   npx tsx bench/sentiment-throughput.ts [--runs 7]
 *
 * Each run scores all sentences once with each scorer, alternating the order (model first, then
 * peer first) so that both share the machine's noise, after one unmeasured warm-up pass of each.
 * It prints the median time per pass, sentences per second and the model/peer ratio.
 */
import { cpus, release, type } from 'node:os';
import { parseArgs } from 'node:util';

import Sentiment from 'sentiment';

import { loadLabelledSentences } from '../systems-under-test/sentiment/src/evaluation/dataset.ts';
import { analyzeSentiment } from '../systems-under-test/sentiment/src/model/analyzer.ts';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function timePass(texts: readonly string[], score: (text: string) => unknown): number {
  const started = performance.now();
  for (const text of texts) score(text);
  return performance.now() - started;
}

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  throw new Error(`--runs must be a positive integer, received "${values.runs}".`);
}

const texts = loadLabelledSentences().sentences.map((sentence) => sentence.text);
const peer = new Sentiment();
const scoreModel = (text: string) => analyzeSentiment(text);
const scorePeer = (text: string) => peer.analyze(text);

timePass(texts, scoreModel);
timePass(texts, scorePeer);

const modelTimes: number[] = [];
const peerTimes: number[] = [];
for (let run = 0; run < runs; run++) {
  if (run % 2 === 0) {
    modelTimes.push(timePass(texts, scoreModel));
    peerTimes.push(timePass(texts, scorePeer));
  } else {
    peerTimes.push(timePass(texts, scorePeer));
    modelTimes.push(timePass(texts, scoreModel));
  }
}

const modelMedian = median(modelTimes);
const peerMedian = median(peerTimes);
const format = (times: number[]) => times.map((time) => time.toFixed(1)).join(', ');

console.log(`Sentences per pass: ${texts.length}, runs: ${runs}`);
console.log(
  `Model (AFINN with rules): median ${modelMedian.toFixed(1)} ms per pass, ` +
    `${Math.round(texts.length / (modelMedian / 1000)).toLocaleString('en-US')} sentences/s [${format(modelTimes)}]`,
);
console.log(
  `Peer (sentiment analyze()): median ${peerMedian.toFixed(1)} ms per pass, ` +
    `${Math.round(texts.length / (peerMedian / 1000)).toLocaleString('en-US')} sentences/s [${format(peerTimes)}]`,
);
console.log(`Model / peer time ratio: ${(modelMedian / peerMedian).toFixed(2)}`);
console.log(
  `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${type()} ${release()}, Node.js ${process.version}`,
);

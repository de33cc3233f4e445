/**
 * Parse throughput: the utterance table (test/fixtures/utterances.jsonl), parsed over and over on
 * one core for about two seconds. `npm run bench` prints the result.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from '../src/understanding/parse';
import type { ParseContext, Question } from '../src/understanding/question';

const FIXTURE = join('test', 'fixtures', 'utterances.jsonl');
const DURATION_MS = 2000;

/** The repository root, found upwards from here (this file runs from bench/ and from dist/bench/). */
function fixturePath(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, FIXTURE))) return join(dir, FIXTURE);
    if (dirname(dir) === dir) throw new Error(`${FIXTURE} not found above ${__dirname}`);
  }
}

interface Row {
  text: string;
  context: ParseContext;
}

function loadRows(): Row[] {
  const revive = (q: Record<string, unknown>): Question =>
    ({
      ...q,
      from: q.from ? new Date(q.from as string) : null,
      to: q.to ? new Date(q.to as string) : null,
    }) as Question;
  return readFileSync(fixturePath(), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const u = JSON.parse(line) as {
        text: string;
        now: string;
        tz: string;
        locale?: string;
        mentions?: ParseContext['mentions'];
        previous?: Record<string, unknown>;
      };
      return {
        text: u.text,
        context: {
          now: new Date(u.now),
          timeZone: u.tz,
          locale: u.locale,
          mentions: u.mentions,
          previous: u.previous && revive(u.previous),
        },
      };
    });
}

export function benchParse(durationMs = DURATION_MS): { utterancesPerSecond: number; count: number } {
  const rows = loadRows();
  for (const row of rows) parse(row.text, row.context); // warm up regular expressions and Intl caches
  let count = 0;
  const start = process.hrtime.bigint();
  let elapsedMs = 0;
  while (elapsedMs < durationMs) {
    for (const row of rows) parse(row.text, row.context);
    count += rows.length;
    elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return { utterancesPerSecond: Math.round((count / elapsedMs) * 1000), count };
}

if (require.main === module) {
  const { utterancesPerSecond, count } = benchParse();
  console.log(`parse: ${utterancesPerSecond} utterances/s (${count} parsed, one core)`);
}

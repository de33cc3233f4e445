/**
 * `parse -- --now <ISO> --tz <IANA> --locale <tag> [--jsonl] "<text>"`: prints the Question as
 * one JSON line {intent, subject, from, to, app, errorCode, correlationId, requestId, category}. With --jsonl, reads
 * JSON lines {"text","now","tz","locale"} from stdin (missing fields fall back to the flags) and
 * writes one result line per non-blank input line; a line that cannot be read gets {"error": …}.
 */
import { createInterface } from 'node:readline';
import { isValidTimeZone } from './calendar';
import { parse } from './parse';
import type { Question } from './question';

interface Options {
  now?: string;
  tz?: string;
  locale?: string;
  jsonl: boolean;
  text: string[];
}

const USAGE = 'usage: parse --now <ISO-8601> --tz <IANA zone> --locale <tag> [--jsonl] "<text>"';

/** The CLI's JSON shape, keys in this order; absent things are null. */
export function questionToJson(q: Question): string {
  return JSON.stringify({
    intent: q.intent,
    subject: q.subject,
    from: q.from ? q.from.toISOString() : null,
    to: q.to ? q.to.toISOString() : null,
    app: q.app,
    errorCode: q.errorCode,
    correlationId: q.correlationId,
    requestId: q.requestId,
    category: q.category,
  });
}

function readOptions(args: string[]): Options | string {
  const options: Options = { jsonl: false, text: [] };
  const rest = args[0] === 'parse' ? args.slice(1) : args;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--') continue;
    if (arg === '--jsonl') options.jsonl = true;
    else if (arg === '--now' || arg === '--tz' || arg === '--locale') {
      const value = rest[++i];
      if (value === undefined) return `${arg} needs a value`;
      options[arg.slice(2) as 'now' | 'tz' | 'locale'] = value;
    } else if (arg.startsWith('--') && arg.length > 2) return `unknown option ${arg}`;
    else options.text.push(arg);
  }
  return options;
}

type Input = { text: string; now: Date; tz: string; locale?: string };

function checkInput(text: unknown, now: string | undefined, tz: string | undefined, locale: unknown): Input | string {
  if (typeof text !== 'string') return 'text must be a string';
  const instant = now === undefined ? new Date() : new Date(now);
  if (Number.isNaN(instant.getTime())) return `not an ISO-8601 time: ${now}`;
  const zone = tz ?? 'UTC';
  if (!isValidTimeZone(zone)) return `not an IANA time zone: ${zone}`;
  if (locale !== undefined && typeof locale !== 'string') return 'locale must be a string';
  return { text, now: instant, tz: zone, locale };
}

function parseInput(input: Input): string {
  return questionToJson(parse(input.text, { now: input.now, timeZone: input.tz, locale: input.locale }));
}

function write(stream: NodeJS.WritableStream, line: string): Promise<void> {
  return new Promise((resolve) => {
    if (stream.write(`${line}\n`)) resolve();
    else stream.once('drain', () => resolve());
  });
}

export async function parseCommand(
  args: string[],
  stdin: NodeJS.ReadableStream,
  stdout: NodeJS.WritableStream,
): Promise<number> {
  const options = readOptions(args);
  if (typeof options === 'string') {
    process.stderr.write(`${options}\n${USAGE}\n`);
    return 2;
  }
  if (!options.jsonl) {
    const input = checkInput(options.text.join(' '), options.now, options.tz, options.locale);
    if (typeof input === 'string' || options.text.length === 0) {
      process.stderr.write(`${typeof input === 'string' ? input : 'no text given'}\n${USAGE}\n`);
      return 2;
    }
    await write(stdout, parseInput(input));
    return 0;
  }
  let failed = false;
  for await (const line of createInterface({ input: stdin, crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    let result: string;
    try {
      const row = JSON.parse(line) as Record<string, unknown>;
      const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
      const input = checkInput(
        row.text,
        str(row.now) ?? options.now,
        str(row.tz) ?? options.tz,
        row.locale ?? options.locale,
      );
      result = typeof input === 'string' ? JSON.stringify({ error: input }) : parseInput(input);
    } catch {
      result = JSON.stringify({ error: 'not a JSON line' });
    }
    if (result.startsWith('{"error"')) failed = true;
    await write(stdout, result);
  }
  return failed ? 1 : 0;
}

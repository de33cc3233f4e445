/**
 * The load generator of the turns benchmark, run as a process of its own (like wrk) so that reading
 * the answers does not take CPU from the bot being measured. Prints one LoadResult as JSON.
 *   node dist/bench/loadClient.js <url> <card|echo> <question> <concurrency> <durationMs> <askerJson>
 */
import { load } from './graphBench';
import { cardsIn, teamsMessage, type AskerInfo, type PostResult } from '../src/tools/activities';

const hasCard = (result: PostResult) => result.status === 200 && cardsIn(result).length === 1;
const hasEcho = (result: PostResult) =>
  result.status === 200 &&
  ((result.body as { activities?: { text?: string }[] })?.activities ?? []).some((a) =>
    a.text?.startsWith('You said:'),
  );

async function main(): Promise<void> {
  const [url, kind, question, concurrency, durationMs, askerJson] = process.argv.slice(2);
  const asker = JSON.parse(askerJson) as AskerInfo;
  const result = await load(url, () => teamsMessage(question, asker), kind === 'card' ? hasCard : hasEcho, {
    concurrency: Number(concurrency),
    durationMs: Number(durationMs),
  });
  process.stdout.write(JSON.stringify(result));
}

void main();

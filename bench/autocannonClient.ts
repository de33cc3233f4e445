/**
 * The load generator of the question-turn ratio, in a process of its own so that it never takes
 * CPU from the bot being measured: autocannon POSTs one Teams activity (expectReplies) again and
 * again and prints requests/s, latency and non-2xx counts as JSON.
 *   node dist/bench/autocannonClient.js <url> <bodyJson> <connections> <durationSeconds>
 */
import autocannon from 'autocannon';

async function main(): Promise<void> {
  const [url, body, connections, duration] = process.argv.slice(2);
  const result = await autocannon({
    url: `${url}/api/messages`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections: Number(connections),
    duration: Number(duration),
    pipelining: 1,
  });
  process.stdout.write(
    JSON.stringify({
      requestsPerSecond: result.requests.average,
      total: result.requests.total,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      bytesPerResponse: result.requests.total > 0 ? result.throughput.total / result.requests.total : 0,
    }),
  );
}

void main();

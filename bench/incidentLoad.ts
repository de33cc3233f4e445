/**
 * The load generator of the incident bench, a process of its own: posts each planned activity at its
 * planned time (open loop: nobody waits for anybody) and prints, per activity, how long its final
 * answer took and what it was.
 *   node dist/bench/incidentLoad.js <planJsonFile>
 */
import { readFileSync } from 'node:fs';
import { cardsIn, postActivity } from '../src/tools/activities';

export interface LoadPlan {
  url: string;
  /** Requests still unanswered this long after the start are given up (the run is cut short). */
  deadlineMs: number;
  items: { atMs: number; kind: string; activity: unknown }[];
}

export interface LoadOutcome {
  kind: string;
  atMs: number;
  /** Null when not answered before the deadline. */
  latencyMs: number | null;
  title: string | null;
}

async function main(): Promise<void> {
  const plan = JSON.parse(readFileSync(process.argv[2], 'utf8')) as LoadPlan;
  const start = performance.now();
  const outcomes = await Promise.all(
    plan.items.map(async (item): Promise<LoadOutcome> => {
      await new Promise((r) => setTimeout(r, item.atMs));
      const sent = performance.now();
      const remaining = plan.deadlineMs - (sent - start);
      try {
        const result = await Promise.race([
          postActivity(plan.url, item.activity),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error('deadline')), Math.max(1, remaining))),
        ]);
        const card = cardsIn(result)[0] as { body?: { text?: string }[] } | undefined;
        return {
          kind: item.kind,
          atMs: item.atMs,
          latencyMs: performance.now() - sent,
          title: card?.body?.[0]?.text ?? `HTTP ${result.status}`,
        };
      } catch {
        return { kind: item.kind, atMs: item.atMs, latencyMs: null, title: null };
      }
    }),
  );
  process.stdout.write(JSON.stringify(outcomes));
  process.exit(0);
}

if (require.main === module) void main();

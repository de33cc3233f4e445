/** The name of an app or identity written next to a workload noun ("service principal Payroll Sync"). */
import { wordsRegex } from './phrases';
import type { Token } from './tokens';
import { merged } from './words';

const WORKLOAD_NOUN = new RegExp(wordsRegex(merged((w) => w.app.workloadNouns)).source, 'gu');
const NOT_APPS = new Set(merged((w) => w.app.notApps));
/** A word of an app or identity's own name as typed: capitalised, or with a hyphen or digit ("Payroll Sync", "backup-runner"). */
const OWN_NAME_WORD = /^(?:\p{Lu}|[\p{L}\p{N}]*[-\d])/u;
const MAX_WORKLOAD_WORDS = 3;

/** Where the name stands, and where the name with its noun stands (masked together). */
export interface WorkloadName {
  name: { start: number; end: number };
  whole: { start: number; end: number };
}

/**
 * "service principal Payroll Sync", "the backup-runner managed identity", "de app Payroll Sync":
 * a name as typed next to a workload noun. The noun is masked with it, so neither is taken for a person.
 */
export function workloadBeside(work: string, original: string, tokens: Token[]): WorkloadName | null {
  WORKLOAD_NOUN.lastIndex = 0;
  for (const noun of work.matchAll(WORKLOAD_NOUN)) {
    const nounStart = noun.index;
    const nounEnd = nounStart + noun[0].length;
    const isName = (t: Token) => OWN_NAME_WORD.test(original.slice(t.start, t.end)) && !NOT_APPS.has(t.word);
    let after = tokens.findIndex((t) => t.start >= nounEnd);
    const taken: Token[] = [];
    for (let prev = nounEnd; after >= 0 && after < tokens.length && taken.length < MAX_WORKLOAD_WORDS; after++) {
      const t = tokens[after];
      if (!/^\s+$/.test(work.slice(prev, t.start)) || !isName(t)) break;
      taken.push(t);
      prev = t.end;
    }
    if (taken.length === 0) {
      let before = tokens.map((t) => t.end <= nounStart).lastIndexOf(true);
      for (let next = nounStart; before >= 0 && taken.length < MAX_WORKLOAD_WORDS; before--) {
        const t = tokens[before];
        if (!/^\s+$/.test(work.slice(t.end, next)) || !isName(t)) break;
        taken.unshift(t);
        next = t.start;
      }
    }
    if (taken.length === 0) continue;
    const start = Math.min(taken[0].start, nounStart);
    const end = Math.max(taken[taken.length - 1].end, nounEnd);
    return { name: { start: taken[0].start, end: taken[taken.length - 1].end }, whole: { start, end } };
  }
  return null;
}

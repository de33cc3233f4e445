/** Once per fix (src/fixes/ledger.ts): concurrent claims → one holder; a release lets the next try; an expired claim is taken over. */
import { FixLedger, fixKey, FIX_CLAIM_MS } from '../../src/fixes/ledger';
import { MemoryStateStore } from '../../src/state';

const MEGAN = '00000000-0000-0000-0000-0000000000021';
const SIGN_IN = '6a1f2b3c-0000-4000-8000-000000000001';

describe('fix ledger', () => {
  it('gives the claim to one of many concurrent clicks; the others see who has it, then that it is done', async () => {
    let now = Date.parse('2026-11-27T10:00:00Z');
    const ledger = new FixLedger(new MemoryStateStore(), () => now);
    const key = fixKey('revokeSessions', MEGAN, SIGN_IN);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => ledger.claim(key, `agent-${i}`, `Agent ${i}`)),
    );
    const winners = results.filter((r) => r.claimed);
    expect(winners).toHaveLength(1);
    for (const r of results.filter((x) => !x.claimed)) expect(r.claimed === false && r.entry.state).toBe('claimed');
    const claim = winners[0].claimed ? winners[0].claim : null;
    expect(await ledger.complete(claim!, 'agent-x', 'Agent X', now)).toBe(true);
    now += 5 * 60_000;
    const again = await ledger.claim(key, 'agent-y', 'Agent Y');
    expect(again.claimed).toBe(false);
    expect(!again.claimed && again.entry).toMatchObject({ state: 'done', by: 'agent-x' });
  });

  it('a released claim (Entra refused) may be taken at once by someone else', async () => {
    const ledger = new FixLedger(new MemoryStateStore(), () => 0);
    const key = fixKey('revokeSessions', MEGAN, SIGN_IN);
    const first = await ledger.claim(key, 'alex', 'Alex');
    expect(first.claimed).toBe(true);
    if (first.claimed) await ledger.release(first.claim);
    expect((await ledger.claim(key, 'nestor', 'Nestor')).claimed).toBe(true);
  });

  it('takes over a claim whose holder ran out of time (a crashed instance)', async () => {
    let now = 0;
    const ledger = new FixLedger(new MemoryStateStore(), () => now);
    const key = fixKey('requirePasswordChange', MEGAN, SIGN_IN);
    expect((await ledger.claim(key, 'a', null)).claimed).toBe(true);
    expect((await ledger.claim(key, 'b', null)).claimed).toBe(false);
    now += FIX_CLAIM_MS + 1;
    expect((await ledger.claim(key, 'b', null)).claimed).toBe(true);
  });

  it('keys differ by fix, person and finding, not by letter case', () => {
    expect(fixKey('revokeSessions', MEGAN, SIGN_IN)).not.toBe(fixKey('requirePasswordChange', MEGAN, SIGN_IN));
    expect(fixKey('revokeSessions', MEGAN, SIGN_IN)).toBe(
      fixKey('revokeSessions', MEGAN.toUpperCase(), SIGN_IN.toUpperCase()),
    );
  });
});

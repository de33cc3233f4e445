/** Narrowing the records read to what the question named and Graph's $filter cannot say: here, guests. */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { narrow } from '../../src/answers/narrow';
import type { ResolvedQuery } from '../../src/answers/types';

const HOME = '72f988bf-0000-0000-0000-000000000001';
const PARTNER = '9c15380f-a259-4fbd-9968-3065826750d8';
const query: ResolvedQuery = {
  intent: 'failures',
  userId: null,
  from: null,
  to: null,
  app: null,
  errorCode: null,
  correlationId: null,
  guests: true,
};
const signIn = (id: string, homeTenantId?: string): SignIn => ({
  id,
  ...(homeTenantId ? { homeTenantId, resourceTenantId: HOME.toUpperCase() } : {}),
});

test('guests are the sign-ins whose home tenant is not the one signed in to (tenant ids compared in any case)', () => {
  const { records, unapplied } = narrow([signIn('member', HOME), signIn('guest', PARTNER), signIn('unknown')], query);
  expect(records.map((r) => r.id)).toEqual(['guest']);
  expect(unapplied).toEqual([]);
});

test('records that do not carry their tenants cannot say who is a guest: every record is kept and the filter is said as not applied', () => {
  const { records, unapplied } = narrow([signIn('a'), signIn('b')], query);
  expect(records.map((r) => r.id)).toEqual(['a', 'b']);
  expect(unapplied).toEqual([{ kind: 'guests', text: 'guests' }]);
});

test('without "guests" in the question, members and guests are both kept', () => {
  const { records } = narrow([signIn('member', HOME), signIn('guest', PARTNER)], { ...query, guests: false });
  expect(records).toHaveLength(2);
});

/**
 * The whole access matrix: asker kind × subject × conversation type × message or card verb × prior
 * refusal, each row decided by the real policy over a reader directory that counts its lookups.
 *
 * The expectations are a table per asker and subject — one outcome in a personal chat, one
 * anywhere else — and two rules stated once: strangers get their own refusal whatever they ask,
 * and a message or "show more"/"details" continuing a refused question is refused.
 */
import { AccessPolicy, type AccessDecision, type Action, type Asker, type Subject } from '../../src/access/policy';
import type { ReaderDecision, ReaderDirectory } from '../../src/access/readers';

const TENANT = '72f988bf-0000-0000-0000-000000000001';
const READER = 'aaaaaaaa-0000-4000-8000-000000000001';
const MEMBER = 'bbbbbbbb-0000-4000-8000-000000000002';
const SOMEONE = 'cccccccc-0000-4000-8000-000000000003';

type AskerKind = 'reader' | 'member' | 'no-object-id' | 'other-tenant';
const ASKERS: Record<AskerKind, Omit<Asker, 'conversationType'>> = {
  reader: { userId: READER, tenantId: TENANT },
  member: { userId: MEMBER, tenantId: TENANT.toUpperCase() },
  'no-object-id': { userId: undefined, tenantId: TENANT },
  'other-tenant': { userId: READER, tenantId: 'f0f0f0f0-1111-2222-3333-444444444444' },
};

type SubjectKind =
  | 'nobody'
  | 'self'
  | 'own id'
  | 'other id'
  | 'other name'
  | 'own upn'
  | 'everyone'
  | 'correlation id'
  | 'sign-in by id'
  | 'app or identity';
/** Built per asker: "own" means the asker's own id or UPN. */
const SUBJECTS: Record<SubjectKind, (asker: Omit<Asker, 'conversationType'>) => Subject> = {
  nobody: () => ({ kind: 'nobody' }),
  self: () => ({ kind: 'self' }),
  'own id': (a) => ({ kind: 'user', userId: (a.userId ?? MEMBER).toUpperCase() }),
  'other id': () => ({ kind: 'user', userId: SOMEONE }),
  'other name': () => ({ kind: 'named', isAsker: async () => false }),
  'own upn': () => ({ kind: 'named', isAsker: async () => true }),
  everyone: () => ({ kind: 'everyone' }),
  'correlation id': () => ({ kind: 'everyone', correlationId: true }),
  'sign-in by id': () => ({ kind: 'signIn' }),
  'app or identity': () => ({ kind: 'workload' }),
};

const CONVERSATIONS: (string | undefined)[] = ['personal', 'groupChat', 'channel', undefined, 'Personal', 'meeting'];
const ACTIONS: Action[] = ['message', 'showMore', 'details', 'choosePerson', 'retry', 'openTicket'];
const CONTINUATIONS: Action[] = ['message', 'showMore', 'details'];

/** An outcome: a scope ('self*' = narrowed to self, and why) or a refusal. */
type Outcome =
  | 'none'
  | 'self'
  | 'others'
  | 'self* not-a-reader'
  | 'self* shared-conversation'
  | 'not-a-reader'
  | 'shared-conversation';
const EXPECTED: Record<'reader' | 'member', Record<SubjectKind, { personal: Outcome; shared: Outcome }>> = {
  reader: {
    nobody: { personal: 'none', shared: 'none' },
    self: { personal: 'self', shared: 'self' },
    'own id': { personal: 'self', shared: 'self' },
    'other id': { personal: 'others', shared: 'shared-conversation' },
    'other name': { personal: 'others', shared: 'shared-conversation' },
    // In a personal chat the UPN is looked up like anyone's and turns out to be theirs.
    'own upn': { personal: 'others', shared: 'self' },
    everyone: { personal: 'others', shared: 'shared-conversation' },
    'correlation id': { personal: 'others', shared: 'shared-conversation' },
    'sign-in by id': { personal: 'others', shared: 'self* shared-conversation' },
    'app or identity': { personal: 'others', shared: 'shared-conversation' },
  },
  member: {
    nobody: { personal: 'none', shared: 'none' },
    self: { personal: 'self', shared: 'self' },
    'own id': { personal: 'self', shared: 'self' },
    'other id': { personal: 'not-a-reader', shared: 'not-a-reader' },
    'other name': { personal: 'not-a-reader', shared: 'not-a-reader' },
    'own upn': { personal: 'self', shared: 'self' },
    everyone: { personal: 'not-a-reader', shared: 'not-a-reader' },
    'correlation id': { personal: 'self* not-a-reader', shared: 'self* not-a-reader' },
    'sign-in by id': { personal: 'self* not-a-reader', shared: 'self* not-a-reader' },
    'app or identity': { personal: 'not-a-reader', shared: 'not-a-reader' },
  },
};

function expected(
  asker: AskerKind,
  subject: SubjectKind,
  conversation: string | undefined,
  action: Action,
  priorRefusal: boolean,
): AccessDecision {
  if (asker === 'no-object-id' || asker === 'other-tenant') return { allow: false, reason: asker };
  if (priorRefusal && CONTINUATIONS.includes(action)) return { allow: false, reason: 'refused-before' };
  const outcome = EXPECTED[asker][subject][conversation === 'personal' ? 'personal' : 'shared'];
  if (outcome === 'none' || outcome === 'self' || outcome === 'others') return { allow: true, scope: outcome };
  if (outcome.startsWith('self* '))
    return { allow: true, scope: 'self', narrowedBy: outcome.slice(6) as 'not-a-reader' | 'shared-conversation' };
  return { allow: false, reason: outcome as 'not-a-reader' | 'shared-conversation' };
}

class CountingReaders implements ReaderDirectory {
  lookups: string[] = [];
  async readerDecision(userId: string): Promise<ReaderDecision> {
    this.lookups.push(userId);
    return userId === READER ? { reader: true, because: 'role:Reports Reader' } : { reader: false, because: null };
  }
}

const ASKER_KINDS = Object.keys(ASKERS) as AskerKind[];
const SUBJECT_KINDS = Object.keys(SUBJECTS) as SubjectKind[];
/** Per asker and subject (one test each): every conversation type × action × prior refusal. */
const CASES = CONVERSATIONS.flatMap((conversation) =>
  ACTIONS.flatMap((action) => [false, true].map((prior) => ({ conversation, action, prior }))),
);

describe('the access matrix', () => {
  it('covers every combination once, and every kind of subject the policy knows', () => {
    const rows = ASKER_KINDS.flatMap((asker) =>
      SUBJECT_KINDS.flatMap((subject) =>
        CASES.map((c) => JSON.stringify([asker, subject, c.conversation ?? null, c.action, c.prior])),
      ),
    );
    expect(new Set(rows).size).toBe(
      ASKER_KINDS.length * SUBJECT_KINDS.length * CONVERSATIONS.length * ACTIONS.length * 2,
    );
    // Listed against the policy's own Subject type: tsc fails here when a kind is added or removed.
    const policyKinds = Object.keys({
      nobody: 0,
      self: 0,
      user: 0,
      named: 0,
      everyone: 0,
      signIn: 0,
      workload: 0,
    } satisfies Record<Subject['kind'], 0>);
    expect(new Set(SUBJECT_KINDS.map((kind) => SUBJECTS[kind](ASKERS.reader).kind))).toEqual(new Set(policyKinds));
  });

  it.each(ASKER_KINDS.flatMap((asker) => SUBJECT_KINDS.map((subject) => [asker, subject] as const)))(
    '%s asking about %s',
    async (askerKind, subjectKind) => {
      const wrong: unknown[] = [];
      const readers = new CountingReaders();
      const policy = new AccessPolicy({ readers, tenantId: TENANT, rateLimitPerMinute: 1000 });
      for (const { conversation, action, prior } of CASES) {
        readers.lookups = [];
        const asker: Asker = { ...ASKERS[askerKind], conversationType: conversation };
        let askerChecks = 0;
        let subject = SUBJECTS[subjectKind](ASKERS[askerKind]);
        if (subject.kind === 'named' && subject.isAsker) {
          const isAsker = subject.isAsker;
          subject = {
            kind: 'named',
            isAsker: () => {
              askerChecks += 1;
              return isAsker();
            },
          };
        }
        const decision = await policy.decide({ asker, action, subject, priorRefusal: prior });
        const want = expected(askerKind, subjectKind, conversation, action, prior);
        const row = { conversation: conversation ?? '(none)', action, prior };
        if (JSON.stringify(decision) !== JSON.stringify(want)) wrong.push({ ...row, decision, want });
        // Strangers cause no lookup at all; nobody but the asker is ever looked up.
        if ((askerKind === 'no-object-id' || askerKind === 'other-tenant') && readers.lookups.length > 0)
          wrong.push({ ...row, lookups: readers.lookups });
        if (readers.lookups.some((id) => id !== asker.userId)) wrong.push({ ...row, lookups: readers.lookups });
        // The asker's own entry is compared with a UPN only when the answer would otherwise be a refusal.
        if (decision.allow && decision.scope === 'others' && askerChecks > 0) wrong.push({ ...row, askerChecks });
      }
      expect(wrong).toEqual([]);
    },
  );
});

describe('admission: strangers and the rate limit', () => {
  const readers = new CountingReaders();

  it('turns away strangers before counting them, and looks nothing up', async () => {
    const policy = new AccessPolicy({ readers, tenantId: TENANT, rateLimitPerMinute: 1 });
    expect(await policy.admit({ userId: undefined, tenantId: TENANT })).toEqual({
      allow: false,
      reason: 'no-object-id',
    });
    expect(await policy.admit({ userId: '', tenantId: TENANT })).toEqual({ allow: false, reason: 'no-object-id' });
    expect(await policy.admit({ userId: MEMBER, tenantId: undefined })).toEqual({
      allow: false,
      reason: 'other-tenant',
    });
    expect(await policy.admit({ userId: MEMBER, tenantId: 'f0f0f0f0-1111-2222-3333-444444444444' })).toEqual({
      allow: false,
      reason: 'other-tenant',
    });
    expect(readers.lookups).toEqual([]);
  });

  it('admits RATE_LIMIT_PER_MINUTE turns per person per minute, and again after the minute', async () => {
    let now = 1_000_000;
    const policy = new AccessPolicy({ readers, tenantId: TENANT, rateLimitPerMinute: 3, now: () => now });
    const member = { userId: MEMBER, tenantId: TENANT, conversationType: 'personal' };
    const reader = { userId: READER, tenantId: TENANT, conversationType: 'personal' };
    const turns = async () => {
      const allowed: boolean[] = [];
      for (let i = 0; i < 4; i++) allowed.push((await policy.admit(member)).allow);
      return allowed;
    };
    expect(await turns()).toEqual([true, true, true, false]);
    // Another person has a budget of their own.
    expect((await policy.admit(reader)).allow).toBe(true);
    now += 30_000;
    expect(await policy.admit(member)).toEqual({ allow: false, reason: 'rate-limited' });
    now += 60_001;
    expect((await policy.admit(member)).allow).toBe(true);
  });
});

describe('what the policy reads', () => {
  it('tells readers from everyone else, and strangers are never readers', async () => {
    const readers = new CountingReaders();
    const policy = new AccessPolicy({ readers, tenantId: TENANT, rateLimitPerMinute: 10 });
    expect(await policy.isReader({ userId: READER, tenantId: TENANT })).toBe(true);
    expect(await policy.isReader({ userId: MEMBER, tenantId: TENANT })).toBe(false);
    expect(await policy.isReader({ userId: READER, tenantId: 'other' })).toBe(false);
    expect(readers.lookups).toEqual([READER, MEMBER]);
  });

  it('counts only an explicit "personal" as a personal chat', () => {
    expect(
      CONVERSATIONS.filter((c) => AccessPolicy.isPersonal({ userId: READER, tenantId: TENANT, conversationType: c })),
    ).toEqual(['personal']);
  });
});

describe('helpdesk fixes (issue 21)', () => {
  const readers = new CountingReaders();
  const policy = new AccessPolicy({ readers, tenantId: TENANT, rateLimitPerMinute: 1000 });
  const fix = (asker: Asker, userId = SOMEONE) =>
    policy.decide({ asker, action: 'fix', subject: { kind: 'user', userId } });

  it.each(CONVERSATIONS)('a reader in a %s conversation: only a personal chat', async (conversationType) => {
    const decision = await fix({ ...ASKERS.reader, conversationType });
    expect(decision).toEqual(
      conversationType === 'personal'
        ? { allow: true, scope: 'others' }
        : { allow: false, reason: 'shared-conversation' },
    );
  });

  it('anyone else, anywhere, about anyone (their own account too): refused', async () => {
    for (const conversationType of CONVERSATIONS) {
      expect(await fix({ ...ASKERS.member, conversationType })).toEqual({ allow: false, reason: 'not-a-reader' });
      expect(await fix({ ...ASKERS.member, conversationType }, MEMBER)).toEqual({
        allow: false,
        reason: 'not-a-reader',
      });
      expect((await fix({ ...ASKERS['other-tenant'], conversationType })).allow).toBe(false);
    }
  });
});

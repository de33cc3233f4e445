/** The access policy's incident actions: subscribing and the incident ticket for readers anywhere; the affected people for readers in a personal chat. */
import { AccessPolicy, type Action } from '../../src/access/policy';
import type { ReaderDirectory } from '../../src/access/readers';

const TENANT = '72f988bf-0000-0000-0000-000000000001';
const READER = 'aaaaaaaa-0000-4000-8000-000000000001';
const MEMBER = 'bbbbbbbb-0000-4000-8000-000000000002';
const readers: ReaderDirectory = {
  readerDecision: async (id) => ({ reader: id === READER, because: id === READER ? 'test' : null }),
};
const policy = new AccessPolicy({ readers, tenantId: TENANT, rateLimitPerMinute: 100 });

const decide = (userId: string | undefined, action: Action, conversationType: string | undefined, tenantId = TENANT) =>
  policy.decide({
    asker: { userId, tenantId, conversationType },
    action,
    subject: { kind: action === 'incidentPeople' ? 'everyone' : 'nobody' },
  });

describe.each(['personal', 'groupChat', 'channel', undefined])('in a %s conversation', (conversationType) => {
  it.each<Action>(['subscribe', 'incidentTicket'])(
    '%s: a reader may, a member may not, a stranger gets their own refusal',
    async (action) => {
      expect(await decide(READER, action, conversationType)).toEqual({ allow: true, scope: 'none' });
      expect(await decide(MEMBER, action, conversationType)).toEqual({ allow: false, reason: 'not-a-reader' });
      expect(await decide(undefined, action, conversationType)).toEqual({ allow: false, reason: 'no-object-id' });
      expect(await decide(READER, action, conversationType, 'f0f0f0f0-1111-2222-3333-444444444444')).toEqual({
        allow: false,
        reason: 'other-tenant',
      });
    },
  );

  it('incidentPeople: only a reader, only in a personal chat', async () => {
    expect(await decide(READER, 'incidentPeople', conversationType)).toEqual(
      conversationType === 'personal'
        ? { allow: true, scope: 'others' }
        : { allow: false, reason: 'shared-conversation' },
    );
    expect(await decide(MEMBER, 'incidentPeople', conversationType)).toEqual({ allow: false, reason: 'not-a-reader' });
  });
});

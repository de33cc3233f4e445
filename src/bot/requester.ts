/** Who is asking, read from a Teams activity (never from the message text). */
import type { Activity, ConversationAccount } from 'botbuilder';
import type { Requester } from '../answers/troubleshooter';
import { proactiveAddress } from './proactive';

/** Reads the conversation's type; the access policy treats anything but 'personal' as shared. */
export type ConversationTypeReader = (conversation: Partial<ConversationAccount> | undefined) => string | undefined;

/** Teams sends the type in every activity: as sent, and missing stays missing. */
export const teamsConversationType: ConversationTypeReader = (conversation) => conversation?.conversationType;

export function requesterOf(
  activity: Partial<Activity>,
  defaultTimeZone: string,
  conversationType: ConversationTypeReader = teamsConversationType,
): Requester {
  const clientInfo = (activity.entities ?? []).find((e) => e?.type === 'clientInfo') as
    { timezone?: unknown; locale?: unknown } | undefined;
  const zone = canonicalZone(activity.localTimezone) ?? canonicalZone(clientInfo?.timezone) ?? defaultTimeZone;
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  // Entra object ids are GUIDs, the same in any letter case: lower case is the one spelling that
  // keys anything (rate counters, tickets, follow-ups, the reader cache).
  const userId = activity.from?.aadObjectId?.toLowerCase() || undefined;
  // Built only when asked for (a subscription, a personal chat kept once a day): most turns never need it.
  let address: ReturnType<typeof proactiveAddress> | undefined | null = null;
  return {
    userId,
    tenantId: channelData?.tenant?.id ?? activity.conversation?.tenantId,
    name: activity.from?.name,
    locale: activity.locale ?? (typeof clientInfo?.locale === 'string' ? clientInfo.locale : undefined),
    timeZone: zone,
    conversationKey: `${activity.conversation?.id ?? '?'}|${userId ?? activity.from?.id ?? '?'}`,
    // Only an explicit personal chat is private: a missing or unknown type counts as shared.
    conversationType: conversationType(activity.conversation) === 'personal' ? 'personal' : 'shared',
    get conversationReference() {
      if (address === null) address = activity.conversation?.id ? proactiveAddress(activity) : undefined;
      return address;
    },
  };
}

/** Zone names as sent → their canonical spelling (Intl accepts any letter case), or null when unknown. */
const knownZones = new Map<string, string | null>();

function canonicalZone(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return null;
  let zone = knownZones.get(value);
  if (zone === undefined) {
    try {
      zone = new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
    } catch {
      zone = null;
    }
    if (knownZones.size < 1000) knownZones.set(value, zone);
  }
  return zone;
}

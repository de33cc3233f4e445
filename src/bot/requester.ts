/** Who is asking, read from a Teams activity (never from the message text). */
import type { Activity } from 'botbuilder';
import type { Requester } from '../troubleshooter';

export function requesterOf(activity: Partial<Activity>, defaultTimeZone: string): Requester {
  const clientInfo = (activity.entities ?? []).find((e) => e.type === 'clientInfo') as { timezone?: string; locale?: string } | undefined;
  const zone = [activity.localTimezone, clientInfo?.timezone].find(isTimeZone) ?? defaultTimeZone;
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  const userId = activity.from?.aadObjectId || undefined;
  return {
    userId,
    tenantId: channelData?.tenant?.id ?? activity.conversation?.tenantId,
    name: activity.from?.name,
    locale: activity.locale ?? clientInfo?.locale,
    timeZone: zone,
    conversationKey: `${activity.conversation?.id ?? '?'}|${userId ?? activity.from?.id ?? '?'}`,
    conversationType: activity.conversation?.conversationType ?? 'personal',
  };
}

const knownZones = new Map<string, boolean>();

function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return false;
  let valid = knownZones.get(value);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: value });
      valid = true;
    } catch {
      valid = false;
    }
    if (knownZones.size < 1000) knownZones.set(value, valid);
  }
  return valid;
}

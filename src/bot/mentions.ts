/**
 * People @mentioned in a message, in order, without the bot itself. A mention is resolved to an
 * Entra object id through Teams (the mention entity's id), never by re-reading the text.
 */
import { TeamsInfo, type Activity, type TurnContext } from 'botbuilder';
import type { Mention } from '../understanding/question';

export interface MemberResolver {
  /** Entra object id of a Teams member (29:…), or undefined. */
  aadObjectId(context: TurnContext, memberId: string, name: string): Promise<string | undefined>;
}

export const teamsMemberResolver: MemberResolver = {
  async aadObjectId(context, memberId) {
    try {
      return (await TeamsInfo.getMember(context, memberId)).aadObjectId ?? undefined;
    } catch {
      return undefined;
    }
  },
};

export function mentionEntities(activity: Partial<Activity>): { id: string; name: string; text: string }[] {
  const botId = activity.recipient?.id;
  return (activity.entities ?? [])
    .filter((e) => e?.type === 'mention')
    .map((e) => e as unknown as { mentioned?: { id?: unknown; name?: unknown } | null; text?: unknown })
    .filter((e) => typeof e.mentioned?.id === 'string' && e.mentioned.id !== '' && e.mentioned.id !== botId)
    .map((e) => ({
      id: e.mentioned!.id as string,
      name: typeof e.mentioned!.name === 'string' ? e.mentioned!.name : '',
      text: typeof e.text === 'string' ? e.text : '',
    }));
}

/**
 * Removes the bot's own @mention from the message text (TurnContext.removeRecipientMention without
 * its assumptions: an entity without a type, a mention without text, or no text at all is left alone).
 */
export function removeRecipientMention(activity: Partial<Activity>): void {
  const botId = activity.recipient?.id;
  if (typeof activity.text !== 'string' || !botId) return;
  for (const entity of activity.entities ?? []) {
    const e = entity as unknown as { type?: unknown; mentioned?: { id?: unknown } | null; text?: unknown } | null;
    if (
      typeof e?.type !== 'string' ||
      e.type.toLowerCase() !== 'mention' ||
      e.mentioned?.id !== botId ||
      typeof e.text !== 'string' ||
      e.text === ''
    )
      continue;
    activity.text = activity.text.replace(e.text, '').trim();
    return;
  }
}

export async function resolveMentions(context: TurnContext, resolver: MemberResolver): Promise<Mention[]> {
  const found = mentionEntities(context.activity);
  return Promise.all(
    found.map(async (m) => ({
      id: m.id,
      name: m.name,
      aadObjectId: (await resolver.aadObjectId(context, m.id, m.name))?.toLowerCase(),
    })),
  );
}

/** What the Microsoft 365 Agents Playground sends differently from Teams. */

/** The Playground's personal chat, as .m365agentsplayground.yml names it. */
export const PLAYGROUND_PERSONAL_CHAT_ID = 'a:demo-personal-chat';

/**
 * The Playground leaves conversationType out of its personal chat (it sends it for group chats and
 * channels). Demo mode only: an untyped conversation is personal when it is that very chat; every
 * other untyped conversation stays shared, as in production.
 */
export const playgroundConversationType = (
  conversation: { conversationType?: string; id?: string; isGroup?: boolean } | undefined,
): string | undefined => {
  if (conversation?.conversationType !== undefined) return conversation.conversationType;
  return conversation?.id === PLAYGROUND_PERSONAL_CHAT_ID && conversation.isGroup !== true ? 'personal' : undefined;
};

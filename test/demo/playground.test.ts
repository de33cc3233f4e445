import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PLAYGROUND_PERSONAL_CHAT_ID, playgroundConversationType } from '../../src/demo/playground';
import { teamsConversationType } from '../../src/bot/requester';

const yml = readFileSync(join(__dirname, '../../.m365agentsplayground.yml'), 'utf8');

describe("the Agents Playground's conversations in demo mode", () => {
  it('knows the personal chat the Playground is configured with', () => {
    expect(/^personalChat:\n\s+id: (\S+)$/m.exec(yml)?.[1]).toBe(PLAYGROUND_PERSONAL_CHAT_ID);
  });

  it('counts only that chat as personal when the type is missing, and keeps every sent type', () => {
    expect(playgroundConversationType({ id: PLAYGROUND_PERSONAL_CHAT_ID })).toBe('personal');
    expect(playgroundConversationType({ id: PLAYGROUND_PERSONAL_CHAT_ID, isGroup: true })).toBeUndefined();
    expect(playgroundConversationType({ id: 'a:another-chat' })).toBeUndefined();
    expect(playgroundConversationType({ id: '19:demo-group-chat@thread.v2', isGroup: true })).toBeUndefined();
    expect(playgroundConversationType({ id: PLAYGROUND_PERSONAL_CHAT_ID, conversationType: 'groupChat' })).toBe(
      'groupChat',
    );
    expect(playgroundConversationType(undefined)).toBeUndefined();
  });

  it('Teams itself gets no such exception', () => {
    expect(teamsConversationType({ id: PLAYGROUND_PERSONAL_CHAT_ID })).toBeUndefined();
  });
});

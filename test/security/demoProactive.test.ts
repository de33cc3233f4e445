/**
 * Issue 24, item 3: demo mode's proactive messages (incident alerts and their updates, a reader's
 * list of affected people, late answers) go only to this machine. The address is checked where it
 * is stored (a subscription, a remembered personal chat) and again where it is used (the adapter's
 * continueConversation, which every proactive message starts with). Before, a subscription or a
 * personal chat remembered from an expectReplies message with `serviceUrl: http://192.0.2.2:…`
 * later received alerts and the list of affected people.
 */
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { RefusedServiceUrl, TroubleshooterAdapter } from '../../src/bot/adapter';
import { isLoopbackUrl } from '../../src/shared/loopback';
import { adapterDelivery } from '../../src/bot/proactive';
import { cardToText } from '../../src/cards/text';
import { DEMO_TENANT_ID } from '../../src/demo/wiring';
import { SUBSCRIPTION_TTL_MS, subscriptionId } from '../../src/incidents/subscriptions';
import { cardsIn, postActivity, teamsMessage } from '../../src/tools/activities';
import { startApp, type RunningApp } from '../support/app';
import { startConnector, type LoopbackConnector } from '../support/connector';

const ALEX = { aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' };
const FOREIGN = 'http://192.0.2.2:8080/';
const channel = (id: string) => ({ conversationType: 'channel', isGroup: true, id, tenantId: DEMO_TENANT_ID });

let running: RunningApp;
let connector: LoopbackConnector;
beforeAll(async () => {
  connector = await startConnector();
  // The live index brings incidents and subscriptions.
  running = await startApp({ SIGNIN_INDEX_HOURS: '1', RATE_LIMIT_PER_MINUTE: '1000' });
});
afterAll(async () => {
  await running.stop();
  await connector.close();
});

async function say(text: string, serviceUrl: string, conversation?: Record<string, unknown>) {
  const activity = {
    ...teamsMessage(text, { ...ALEX, conversationId: `a:personal-${serviceUrl.length}` }),
    serviceUrl,
    ...(conversation ? { conversation } : {}),
  };
  const result = await postActivity(running.url, activity);
  return cardsIn(result)
    .map((c) => cardToText(c))
    .join('\n');
}

describe('where the address is stored', () => {
  it('a channel on another machine is not subscribed; one on this machine is', async () => {
    const refused = await say('notify this channel about sign-in incidents', FOREIGN, channel('19:far@thread.tacv2'));
    expect(refused).toContain("Alerts can't be sent here");
    expect(await running.app.state.names('subscriptions')).toEqual([]);
    const accepted = await say(
      'notify this channel about sign-in incidents',
      connector.url,
      channel('19:near@thread.tacv2'),
    );
    expect(accepted).toContain('Incident alerts switched on');
    expect((await running.app.incidents!.subscriptions.list()).map((s) => s.address.serviceUrl)).toEqual([
      connector.url,
    ]);
  });

  it('a personal chat on another machine is not remembered (for the list of affected people)', async () => {
    await say("why can't I sign in?", FOREIGN);
    expect(await running.app.incidents!.personalChatOf(ALEX.aadObjectId)).toBeUndefined();
    expect(await running.app.state.names('personal-chats')).toEqual([]);
  });
});

describe('where the address is used', () => {
  it('a subscription stored earlier with a foreign address (an old version, a shared store) is left out and never posted to', async () => {
    const id = subscriptionId('19:stored-far@thread.tacv2');
    const address = {
      serviceUrl: FOREIGN,
      channelId: 'msteams',
      conversation: { id: '19:stored-far@thread.tacv2', conversationType: 'channel', isGroup: true },
      bot: { id: '28:bot', name: 'bot' },
    };
    await running.app.state.create(
      `subscriptions/${id}`,
      {
        id,
        address,
        language: 'en',
        timeZone: 'UTC',
        conversationType: 'shared',
        expiresAt: Date.now() + SUBSCRIPTION_TTL_MS,
      },
      SUBSCRIPTION_TTL_MS,
    );
    expect((await running.app.incidents!.subscriptions.list()).map((s) => s.id)).not.toContain(id);
  });

  it('the adapter refuses every proactive post and update to another machine: alerts, updates, late answers', async () => {
    const adapter = new TroubleshooterAdapter(new ConfigurationBotFrameworkAuthentication({}), isLoopbackUrl, {
      timeoutMs: 2_000,
    });
    const delivery = adapterDelivery(adapter, '');
    const card = { content: { type: 'AdaptiveCard', version: '1.5', body: [] }, summary: 'alert' };
    const reference = {
      channelId: 'msteams',
      conversation: { id: '19:x@thread.tacv2', conversationType: 'channel', isGroup: true },
      bot: { id: '28:bot', name: 'bot' },
    };
    await expect(delivery.post({ ...reference, serviceUrl: FOREIGN }, card)).rejects.toBeInstanceOf(RefusedServiceUrl);
    await expect(delivery.update({ ...reference, serviceUrl: FOREIGN }, 'activity-1', card)).rejects.toBeInstanceOf(
      RefusedServiceUrl,
    );
    // The same calls to this machine go through.
    const before = connector.calls.length;
    await delivery.post({ ...reference, serviceUrl: connector.url }, card);
    await delivery.update({ ...reference, serviceUrl: connector.url }, 'activity-1', card);
    expect(connector.calls.slice(before).map((c) => c.method)).toEqual(['POST', 'PUT']);
  });
});

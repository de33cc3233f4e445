/** Teams-shaped activities for the CLI, the benchmark and the tests (same layout as shared/examples). */
import { DEMO_TENANT_ID } from '../demo/wiring';

export interface AskerInfo {
  aadObjectId?: string;
  name?: string;
  tenantId?: string;
  timeZone?: string;
  locale?: string;
  conversationId?: string;
}

let counter = 0;

function base(asker: AskerInfo) {
  counter += 1;
  const tenantId = asker.tenantId ?? DEMO_TENANT_ID;
  return {
    id: `act-${Date.now()}-${counter}`,
    timestamp: new Date().toISOString(),
    localTimezone: asker.timeZone ?? 'Europe/Amsterdam',
    locale: asker.locale ?? 'en-US',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    channelId: 'msteams',
    from: {
      id: `29:${asker.aadObjectId ?? 'anonymous'}`,
      name: asker.name ?? 'Someone',
      ...(asker.aadObjectId ? { aadObjectId: asker.aadObjectId } : {}),
    },
    conversation: {
      conversationType: 'personal',
      tenantId,
      id: asker.conversationId ?? `a:conversation-${asker.aadObjectId ?? 'anonymous'}`,
    },
    recipient: { id: '28:signin-troubleshooter', name: 'Sign-in Troubleshooter' },
    channelData: { tenant: { id: tenantId } },
    deliveryMode: 'expectReplies',
  };
}

export function teamsMessage(text: string, asker: AskerInfo, mentions: { id: string; name: string }[] = []) {
  return {
    ...base(asker),
    type: 'message',
    textFormat: 'plain',
    text,
    entities: [
      {
        type: 'clientInfo',
        locale: asker.locale ?? 'en-US',
        country: 'NL',
        platform: 'Web',
        timezone: asker.timeZone ?? 'Europe/Amsterdam',
      },
      ...mentions.map((m) => ({ type: 'mention', text: `<at>${m.name}</at>`, mentioned: { id: m.id, name: m.name } })),
    ],
  };
}

export function teamsCardAction(verb: string, data: Record<string, unknown>, asker: AskerInfo) {
  return {
    ...base(asker),
    type: 'invoke',
    name: 'adaptiveCard/action',
    deliveryMode: 'normal',
    value: { action: { type: 'Action.Execute', id: verb, verb, data }, trigger: 'manual' },
  };
}

export interface PostResult {
  status: number;
  body: unknown;
}

export async function postActivity(
  baseUrl: string,
  activity: unknown,
  headers: Record<string, string> = {},
): Promise<PostResult> {
  const send = () =>
    fetch(`${baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(activity),
    });
  // An idle kept-alive socket that the server closed while this process was busy fails at once with ECONNRESET; the
  // request never reached the server, so it is sent once more on a fresh socket.
  const response = await send().catch((error: unknown) => {
    if ((error as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw error;
    return send();
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: response.status, body };
}

/** The Adaptive Cards in an expectReplies answer (message replies) or an invoke answer. */
export function cardsIn(result: PostResult): Record<string, unknown>[] {
  const body = result.body as {
    activities?: { attachments?: { contentType: string; content: Record<string, unknown> }[] }[];
    value?: Record<string, unknown>;
    type?: string;
  } | null;
  if (body?.activities)
    return body.activities.flatMap((a) =>
      (a.attachments ?? [])
        .filter((x) => x.contentType === 'application/vnd.microsoft.card.adaptive')
        .map((x) => x.content),
    );
  if (body?.value && body.type === 'application/vnd.microsoft.card.adaptive') return [body.value];
  return [];
}

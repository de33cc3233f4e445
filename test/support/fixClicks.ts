/** Helpers for the helpdesk-fix tests over HTTP (test/bot/fixes*.test.ts): askers anywhere, clicks, the audit lines. */
import { DEMO_PEOPLE } from '../../src/demo/people';
import { cardsIn, postActivity, teamsCardAction, teamsMessage, type AskerInfo } from '../../src/tools/activities';
import type { RunningApp } from './app';

export type El = Record<string, unknown>;
export type Where = 'personal' | 'groupChat' | 'channel';
export type Who = AskerInfo & { where: Where };

let conversation = 0;

export const idOf = (name: string) => DEMO_PEOPLE.find((x) => x.displayName === name)!.id;

export function asker(name: string, where: Where = 'personal', locale = 'en-US'): Who {
  conversation += 1;
  const p = DEMO_PEOPLE.find((x) => x.displayName === name)!;
  return { aadObjectId: p.id, name: p.displayName, locale, conversationId: `a:fixes-${conversation}`, where };
}

/** The activity in the asker's kind of conversation (a group chat or channel: a thread id, isGroup). */
export function placed<T extends Record<string, unknown>>(activity: T, who: { where: Where }): T {
  if (who.where === 'personal') return activity;
  const conv = activity.conversation as Record<string, unknown>;
  return {
    ...activity,
    conversation: { ...conv, conversationType: who.where, isGroup: true, id: `19:${String(conv.id)}@thread.v2` },
  };
}

export async function askCard(app: RunningApp, who: Who, text: string): Promise<El> {
  const result = await postActivity(app.url, placed(teamsMessage(text, who), who));
  return cardsIn(result)[0];
}

export interface InvokeAnswer {
  statusCode: number;
  type: string;
  value: El;
}

/** An Action.Execute click; `sso`: the token Teams sends after a loginRequest. */
export async function click(app: RunningApp, who: Who, verb: string, data: El, sso?: string): Promise<InvokeAnswer> {
  const base = placed(teamsCardAction(verb, data, who), who);
  const activity = sso
    ? { ...base, value: { ...base.value, authentication: { id: 'x1', connectionName: 'graph-delegated', token: sso } } }
    : base;
  const result = await postActivity(app.url, activity);
  return result.body as InvokeAnswer;
}

export function actionsOf(card: El): El[] {
  const found: El[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const el = node as El;
    if (typeof el.type === 'string' && el.type.startsWith('Action.')) found.push(el);
    for (const [key, value] of Object.entries(el)) if (key !== 'card') walk(value);
  };
  walk(card.body);
  walk(card.actions);
  return found;
}

export interface AuditLine {
  requester: string;
  intent: string;
  decision: string;
  reason?: string;
  fix?: { id: string; outcome: string };
}

/** The audit events logged since `from` (an index into logLines). */
export function audits(app: RunningApp, from = 0): AuditLine[] {
  return app.logLines
    .slice(from)
    .map((l) => JSON.parse(l) as { audit?: AuditLine })
    .filter((l) => l.audit)
    .map((l) => l.audit!);
}

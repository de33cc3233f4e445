/**
 * Helpdesk fixes (issue 21): which fixes a helpdesk answer offers, and what a fix click does.
 *
 * - Only on a reader's answer about someone else, in their personal chat (the access policy's
 *   'fix' action, checked again on every click and confirmation, never from the card's data).
 * - A change is confirmed first; only `fixConfirm` acts. Reads (What If, devices) are shown at once.
 * - Graph is called with a client built for this click from the clicker's delegated token (Teams
 *   SSO, src/bot): Entra's roles decide, and a 403 is answered with the roles that would allow it.
 * - Once: a claim in the state store (src/fixes/ledger.ts); a repeat says "done at T by X".
 * - A Temporary Access Pass is in the answer of the click that made it and nowhere else (not in
 *   the ledger, not in the audit event, not in a cached card).
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { SignIn } from '@microsoft/microsoft-graph-types';
import type { Config } from '../config';
import type { PeopleDirectory } from '../directory/people';
import type { Diagnosis } from '../diagnosis/diagnose';
import { fixDefinition, fixesForCode, fixesForFinding, type FixId } from '../fixes/catalog';
import { performFix, whoDisabled } from '../fixes/graphCalls';
import { fixKey, FixLedger } from '../fixes/ledger';
import type { StateStore } from '../state/types';
import type { FixAsked } from '../understanding/question';
import { refusalAnswer, type Gatekeeper } from './access';
import type { ClickAuth, FixAnswer, FixElsewhereAnswer, FixOffer, FixTarget } from './fixTypes';
import type { Answer, AnswerSubject, Requester } from './types';
import type { SelfServiceLink, Verdict } from './verdictChoice';
import { parseVerbData } from './verbs';
import { noteFixOnTicket } from './fixTicketNote';
import type { TicketDesk } from '../tickets';

export interface FixDeps {
  gate: Gatekeeper;
  people: PeopleDirectory;
  ledger: FixLedger;
  /** A Graph client for one click from the clicker's delegated token; null: fixes are off (no SSO connection). */
  delegatedGraph: ((token: string) => Client) | null;
  now: () => Date;
  selfServiceUrls: Config['selfServiceUrls'];
  /** Where a fix about a sign-in with an open ticket is appended; null/absent: tickets are off. */
  tickets?: TicketDesk | null;
  /** The tenant's home country (organization.countryLetterCode): What If's "another country" when the sign-ins show no usual one. */
  homeCountry?: () => Promise<string | null>;
}

export type { ClickAuth } from './fixTypes';

/** A fix button or its confirmation (with fixes off, no OAuth connection, they are unknown verbs). */
export function isFixVerb(verb: string): verb is 'fix' | 'fixConfirm' {
  return verb === 'fix' || verb === 'fixConfirm';
}

/** The fixes' dependencies from the troubleshooter's. */
export function fixDeps(
  fixes: Pick<FixDeps, 'delegatedGraph' | 'homeCountry'> & { state: StateStore },
  gate: Gatekeeper,
  options: { people: PeopleDirectory; now?: () => Date; config: Config; tickets?: TicketDesk | null },
): FixDeps {
  return {
    ledger: new FixLedger(fixes.state),
    delegatedGraph: fixes.delegatedGraph,
    homeCountry: fixes.homeCountry,
    gate,
    people: options.people,
    now: options.now ?? (() => new Date()),
    selfServiceUrls: options.config.selfServiceUrls,
    tickets: options.tickets ?? null,
  };
}

/** The fixes a sign-in answer offers: a reader's answer about someone else, in a personal chat, when fixes are on. */
export function fixOffers(
  verdict: Verdict,
  subject: AnswerSubject,
  requester: Requester,
  diagnosis: Diagnosis,
  enabled: boolean,
): FixOffer[] {
  if (!enabled || subject.kind !== 'person' || requester.conversationType !== 'personal') return [];
  const fixes: FixId[] =
    verdict.kind === 'finding'
      ? fixesForFinding(verdict.finding)
      : verdict.kind === 'failure'
        ? fixesForCode(verdict.failure.code)
        : [];
  const signInId = verdict.ticket?.signInId ?? null;
  const record: SignIn | undefined = diagnosis.failures.find((f) => f.record.id === signInId)?.record;
  return fixes.map((fix) => ({
    fix,
    targetId: subject.id,
    signInId,
    ...(fix === 'whatIf'
      ? {
          appId: record?.appId ?? null,
          country: record?.location?.countryOrRegion?.toUpperCase() ?? null,
          usualCountry: usualCountry(diagnosis),
        }
      : {}),
  }));
}

/** The country most of the person's successful sign-ins come from (ISO alpha-2), if any did. */
function usualCountry(diagnosis: Diagnosis): string | null {
  const counts = new Map<string, number>();
  for (const a of diagnosis.attempts) {
    const country = a.final.location?.countryOrRegion?.toUpperCase();
    if (a.outcome === 'failed' || a.outcome === 'interrupted' || !country) continue;
    counts.set(country, (counts.get(country) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
}

/** A "fix" or "fixConfirm" click. Card data is untrusted: who may, and about whom, is decided again here. */
export async function answerFixClick(
  deps: FixDeps,
  requester: Requester,
  verb: 'fix' | 'fixConfirm',
  data: Record<string, unknown>,
  auth: ClickAuth | undefined,
): Promise<Answer> {
  const parsed = parseVerbData(verb, data);
  if (!parsed) return { kind: 'refused', reason: 'bad-action-data', onClick: true };
  const refusal = await deps.gate.decide(requester, 'fix', { kind: 'user', userId: parsed.userId });
  if (!refusal.allow)
    return { ...refusalAnswer(refusal.reason), ...(refusal.reason === 'shared-conversation' ? {} : { onClick: true }) };
  // The person must exist for the bot too (a forged id of no one is refused, not passed to Graph).
  const person = await deps.people.get(parsed.userId);
  if (!person) return { kind: 'refused', reason: 'bad-action-data', onClick: true };
  const target: FixTarget = { id: person.id, name: person.displayName };
  const offer: FixOffer = {
    fix: parsed.fix,
    targetId: person.id,
    signInId: parsed.signInId,
    ...(parsed.fix === 'whatIf'
      ? { appId: parsed.appId, country: parsed.country, usualCountry: parsed.usualCountry }
      : {}),
  };
  // What If from another country: the person's usual one, else the tenant's home country.
  if (parsed.fix === 'whatIf' && (!offer.usualCountry || offer.usualCountry === offer.country) && deps.homeCountry)
    offer.homeCountry = await deps.homeCountry();
  const base = { kind: 'fix' as const, fix: parsed.fix, target, offer };
  const definition = fixDefinition(parsed.fix);
  if (!deps.delegatedGraph) return { ...base, stage: 'failed', problem: 'authentication' };

  if (verb === 'fix' && definition.changes) {
    // Before enabling an account: who disabled it and when, read as the clicker.
    if (parsed.fix !== 'enableAccount') return { ...base, stage: 'confirm' };
    const client = await clientFor(deps, auth);
    if ('stage' in client) return { ...base, ...client };
    const disabled = await whoDisabled(client, person.id);
    return disabled === 'forbidden'
      ? { ...base, stage: 'confirm', disabled: null, auditHidden: true }
      : { ...base, stage: 'confirm', disabled };
  }

  const client = await clientFor(deps, auth);
  if ('stage' in client) return { ...base, ...client };
  if (!definition.changes)
    return outcomeAnswer(base, await performFix(client, parsed.fix, person.id, offer), deps, requester);

  // A change, confirmed: once, whoever clicks and however often.
  const key = fixKey(parsed.fix, person.id, parsed.signInId ?? `day:${deps.now().toISOString().slice(0, 10)}`);
  const claimed = await deps.ledger.claim(key, requester.userId!, requester.name ?? null);
  if (!claimed.claimed) {
    const entry = claimed.entry;
    if (entry.state === 'claimed') return { ...base, stage: 'in-progress', byName: entry.byName };
    return entry.state === 'done'
      ? { ...base, stage: 'done', at: new Date(entry.at), byName: entry.byName, again: true }
      : { ...base, stage: 'done', at: deps.now(), byName: null, again: true };
  }
  const outcome = await performFix(client, parsed.fix, person.id, offer);
  if (!outcome.ok) await deps.ledger.release(claimed.claim);
  const at = deps.now();
  if (outcome.ok) await deps.ledger.complete(claimed.claim, requester.userId!, requester.name ?? null, at.getTime());
  const answer = outcomeAnswer(base, outcome, deps, requester, at);
  noteFixOnTicket(deps.tickets, requester, answer, at);
  return answer;
}

type Base = Pick<FixAnswer, 'kind' | 'fix' | 'target' | 'offer'>;

function outcomeAnswer(
  base: Base,
  outcome: Awaited<ReturnType<typeof performFix>>,
  deps: FixDeps,
  requester: Requester,
  at = deps.now(),
): FixAnswer {
  if (!outcome.ok)
    return outcome.forbidden
      ? { ...base, stage: 'forbidden', roles: fixDefinition(base.fix).roles }
      : { ...base, stage: 'failed', problem: outcome.problem };
  return {
    ...base,
    stage: 'done',
    at,
    byName: requester.name ?? null,
    again: false,
    ...(outcome.tap ? { tap: outcome.tap } : {}),
    ...(outcome.devices ? { devices: outcome.devices } : {}),
    ...(outcome.whatIf ? { whatIf: outcome.whatIf } : {}),
  };
}

/** The clicker's Graph client, or the sign-in stage the bot answers with (401 absent, 412 failed). */
async function clientFor(
  deps: FixDeps,
  auth: ClickAuth | undefined,
): Promise<Client | { stage: 'sign-in'; reason: 'absent' | 'failed' }> {
  const token = auth ? await auth.delegatedToken() : ({ ok: false, reason: 'absent' } as const);
  if (!token.ok) return { stage: 'sign-in', reason: token.reason };
  return deps.delegatedGraph!(token.token);
}

/** Fixes asked in words, by the fix Entra has for them; 'unlock' has none (a smart lockout lifts by itself or through password reset). */
const ASKED: Record<FixAsked, FixId[]> = {
  unlock: ['revokeSessions', 'requirePasswordChange'],
  revokeSessions: ['revokeSessions'],
  temporaryAccessPass: ['temporaryAccessPass'],
  requirePasswordChange: ['requirePasswordChange'],
  enableAccount: ['enableAccount'],
};

/** What someone can do for themselves instead (src/config/selfService.json). */
function selfServiceFor(asked: FixAsked, urls: Config['selfServiceUrls']): SelfServiceLink[] {
  if (asked === 'enableAccount') return [];
  if (asked === 'temporaryAccessPass') return [{ id: 'securityInfo', url: urls.securityInfo }];
  return [{ id: 'passwordReset', url: urls.passwordReset }];
}

/**
 * "unlock Megan's account", "revoke Patti's sessions", "ontgrendel Megan": the same confirmation as the
 * button, for a reader in a personal chat (authorized by the caller, as any question about someone).
 * No Entra action for it (unlock), or about oneself: what exists instead.
 */
export async function answerFixAsked(
  deps: FixDeps,
  requester: Requester,
  asked: FixAsked,
  target: FixTarget | null,
): Promise<Answer> {
  const self = target === null || target.id.toLowerCase() === requester.userId?.toLowerCase();
  const helpdesk =
    !self &&
    deps.delegatedGraph !== null &&
    (await deps.gate.decide(requester, 'fix', { kind: 'user', userId: target.id })).allow;
  const offers: FixOffer[] = helpdesk ? ASKED[asked].map((fix) => ({ fix, targetId: target.id, signInId: null })) : [];
  if (asked !== 'unlock' && helpdesk && target) {
    const fix = ASKED[asked][0];
    const base = { kind: 'fix' as const, fix, target, offer: offers[0] };
    return fix === 'enableAccount' ? { ...base, stage: 'offer' } : { ...base, stage: 'confirm' };
  }
  const answer: FixElsewhereAnswer = {
    kind: 'fix-elsewhere',
    asked,
    target: self ? null : target,
    offers,
    selfService: selfServiceFor(asked, deps.selfServiceUrls),
  };
  return answer;
}

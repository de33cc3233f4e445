/**
 * The one ticket-content builder: a sign-in or an incident, drawn as the fields of a support ticket
 * for the helpdesk (their explanation and steps, whoever clicked). Answers open tickets with it
 * through the `TicketWriter` they are given (src/app.ts passes this one).
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import type { Language } from '../shared/types';
import { localDateTime } from '../shared/time';
import { explain } from '../diagnosis/catalog';
import type { Incident } from '../incidents/types';
import type { TicketContent } from '../tickets';
import type { Requester, SummaryAnswer, TicketWriter } from '../answers/types';
import { rowLine } from './summaryCard';
import { wordVerdict } from './verdict';
import { incidentTitle } from './incidentCards';
import { fill, wording } from './wording';

/** What every ticket carries about who asked and when it happened. */
function common(
  requester: Requester,
  at: Date,
  language: Language,
): Pick<TicketContent, 'requester' | 'occurredAtUtc' | 'occurredAtLocal'> {
  return {
    requester: { id: requester.userId!, name: requester.name ?? requester.userId! },
    occurredAtUtc: at.toISOString(),
    occurredAtLocal: `${localDateTime(at, requester.timeZone, language)} (${requester.timeZone})`,
  };
}

/** Attempts behind a finding a ticket lists. */
const EVIDENCE_LINES = 10;

/** The finding of the answer the ticket came from, as the helpdesk reads it: the verdict, its steps, its attempts. */
function findingOf(
  about: SummaryAnswer,
  language: Language,
  timeZone: string,
): { finding: NonNullable<TicketContent['finding']>; steps: string[] } | null {
  const v = about.verdict;
  const found = v.kind === 'finding' || (v.kind === 'outage' && v.yes) ? v.finding : null;
  if (!found) return null;
  const ctx = { language, audience: 'helpdesk' as const, timeZone };
  // A ticket has no buttons: its steps keep the portal's path.
  const steps = v.steps && { ...v.steps, buttons: undefined };
  const worded = wordVerdict({ ...about, verdict: { ...v, steps } }, ctx);
  const evidence = about.diagnosis.rows
    .slice(0, Math.min(about.evidence ?? 0, EVIDENCE_LINES))
    .map((f) => rowLine(f, about, ctx));
  return { finding: { kind: found.kind, summary: worded.text, evidence }, steps: worded.steps };
}

function signInTicket(
  requester: Requester,
  record: SignIn,
  language: Language,
  typed: string | null,
  extra: { incidentId?: string; notMe?: boolean; about?: SummaryAnswer } = {},
): TicketContent {
  const { incidentId, notMe } = extra;
  // What the answer found (a lockout from abroad, a policy failing many people) leads the ticket, with its steps.
  const found = extra.about ? findingOf(extra.about, language, requester.timeZone) : null;
  const comment =
    [notMe ? wording(language).intrusion.notMeTicket : '', typed ?? ''].filter(Boolean).join('\n') || null;
  const code = record.status?.errorCode ?? 0;
  const e = explain(code, language, 'helpdesk', record.status?.failureReason);
  // The person's comment follows the incident it belongs to, when one is open.
  const fullComment = incidentId
    ? [fill(wording(language).knownProblemTicket, { id: incidentId }), comment].filter(Boolean).join('\n')
    : comment || null;
  return {
    ...common(requester, new Date(record.createdDateTime as string), language),
    subject: { id: record.userId ?? '', name: record.userDisplayName ?? '', upn: record.userPrincipalName ?? '' },
    app: record.appDisplayName ?? '',
    resource: record.resourceDisplayName ?? null,
    errorCode: code,
    failureReason: record.status?.failureReason ?? '',
    title: e.title,
    explanation: e.explanation,
    steps: found?.steps.length ? found.steps : e.steps,
    ...(found ? { finding: found.finding } : {}),
    requestId: record.id ?? '',
    correlationId: record.correlationId ?? '',
    ipAddress: record.ipAddress ?? null,
    location: [record.location?.city, record.location?.countryOrRegion].filter(Boolean).join(', ') || null,
    device:
      [record.deviceDetail?.displayName, record.deviceDetail?.operatingSystem, record.deviceDetail?.browser]
        .filter(Boolean)
        .join(', ') || null,
    clientApp: record.clientAppUsed ?? null,
    conditionalAccess: (record.appliedConditionalAccessPolicies ?? []).map((p) => ({
      name: p.displayName ?? p.id ?? '',
      result: p.result ?? '',
      controls: p.enforcedGrantControls ?? [],
    })),
    lookupUrl: e.lookupUrl,
    comment: fullComment,
    ...(incidentId ? { incidentId } : {}),
  };
}

function incidentTicket(requester: Requester, incident: Incident, language: Language): TicketContent {
  const code = incident.code ?? 0;
  const e = explain(code, language, 'helpdesk');
  const title = incidentTitle(incident, language);
  return {
    ...common(requester, incident.since, language),
    subject: { id: incident.id, name: title, upn: '' },
    app: incident.app ?? '',
    resource: null,
    errorCode: code,
    failureReason: title,
    title,
    explanation: code ? e.explanation : title,
    steps: code ? e.steps : [],
    requestId: incident.id,
    correlationId: '',
    ipAddress: null,
    location: null,
    device: null,
    clientApp: null,
    conditionalAccess: incident.policy
      ? [{ name: incident.policy, result: 'failure', controls: incident.unmetControl ? [incident.unmetControl] : [] }]
      : [],
    lookupUrl: code ? e.lookupUrl : '',
    comment: `${incident.people} people, ${incident.trend.join('/')} failures per ${incident.trendBucketMinutes} minutes, last at ${incident.lastFailure.toISOString()}`,
    incidentId: incident.id,
  };
}

export const ticketWriter: TicketWriter = { signIn: signInTicket, incident: incidentTicket };

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
import type { Requester, TicketWriter } from '../answers/types';
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

function signInTicket(
  requester: Requester,
  record: SignIn,
  language: Language,
  typed: string | null,
  incidentId?: string,
  notMe?: boolean,
): TicketContent {
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
    steps: e.steps,
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

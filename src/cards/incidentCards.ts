/**
 * Incident cards: the alert posted to subscribed conversations (counts only: it goes to channels
 * and group chats, so no name, UPN, address or object id is ever put on it), the answers to
 * "notify this channel" / "stop notifying", the affected people (a reader's personal chat only)
 * and the known-problem notice an affected person reads first.
 */
import type { IncidentAlertAnswer, IncidentAnswer, IncidentPeopleAnswer, SubscriptionAnswer } from '../answers/types';
import type { Incident } from '../incidents/types';
import type { Language } from '../shared/types';
import { explain } from '../diagnosis/catalog';
import { localDateTime } from '../shared/time';
import { card, clip, execute, heading, plain, subtle, text, type Card, type Element } from './elements';
import { messageCard } from './messages';
import { fill, plural, wording, type Wording } from './wording';

/** People listed on one card; the rest are counted. */
export const MAX_PEOPLE_LISTED = 50;

export function incidentTitle(incident: Incident, language: Language): string {
  const w = wording(language);
  const people = plural(language, w.nPeople, incident.people);
  const title = fill(w[`alertTitle_${incident.kind}` as keyof Wording] as string, {
    people,
    app: incident.app ?? '?',
    code: incident.code ?? '?',
    policy: clip(incident.policy, 80),
  });
  return incident.resolved ? fill(w.alertResolvedTitle, { title }) : title;
}

export function incidentAlertCard(answer: IncidentAlertAnswer, language: Language, timeZone: string): Card {
  const w = wording(language);
  const { incident } = answer;
  const stopped = answer.stoppedAt;
  const at = (d: Date) => localDateTime(d, timeZone, language);
  const title = stopped
    ? fill(w.alertStoppedTitle, { title: incidentTitle(incident, language) })
    : incidentTitle(incident, language);
  const lastStatus = incident.resolved
    ? fill(w.alertStatusResolved, { time: at(incident.lastFailure) })
    : w.alertStatusOpen;
  const facts = [
    { title: w.alertFactWhat, value: w[`alertWhat_${incident.kind}` as keyof Wording] as string },
    ...(incident.app ? [{ title: w.alertFactApp, value: incident.app }] : []),
    ...(incident.code !== undefined
      ? [{ title: w.alertFactError, value: `${incident.code} · ${explain(incident.code, language, 'helpdesk').title}` }]
      : []),
    ...(incident.policy ? [{ title: w.alertFactPolicy, value: clip(incident.policy, 120) }] : []),
    ...(incident.unmetControl ? [{ title: w.alertFactUnmet, value: incident.unmetControl }] : []),
    {
      title: w.alertFactSince,
      value: incident.sinceCutOffHours
        ? fill(w.alertSinceOrEarlier, { time: at(incident.since), zone: timeZone, hours: incident.sinceCutOffHours })
        : `${at(incident.since)} (${timeZone})`,
    },
    { title: w.alertFactPeople, value: String(incident.people) },
    { title: w.alertFactLastFailure, value: at(incident.lastFailure) },
    {
      title: w.alertFactStatus,
      value: stopped ? fill(w.alertStatusStopped, { time: at(stopped), status: lastStatus }) : lastStatus,
    },
    { title: w.alertFactIncident, value: incident.id },
  ].map((f) => ({ title: plain(f.title), value: plain(f.value) }));
  // What to look at first, for this kind of incident (while it is open).
  const nextStep = fill(w[`alertNextStep_${incident.kind}` as keyof Wording] as string, {
    policy: clip(incident.policy, 80),
    control: incident.unmetControl ?? '?',
    app: incident.app ?? '?',
    code: incident.code ?? '?',
    title: incident.code !== undefined ? explain(incident.code, language, 'helpdesk').title : '',
    since: at(incident.since),
  });
  const ticketLine =
    incident.ticket && answer.notice?.kind !== 'ticket'
      ? fill(w.alertTicketLine, { reference: incident.ticket.reference, where: incident.ticket.where })
      : null;
  const trend = fill(w.alertTrend, { minutes: incident.trendBucketMinutes, counts: incident.trend.join(' · ') });
  const body: Element[] = [
    {
      type: 'Container',
      style: stopped ? 'emphasis' : incident.resolved ? 'good' : 'attention',
      items: [heading(plain(title))],
    },
    { type: 'FactSet', facts },
    ...(incident.resolved || stopped ? [] : [text(plain(trend), { size: 'Small', spacing: 'Small' })]),
    ...(incident.resolved
      ? []
      : [
          {
            type: 'Container',
            spacing: 'Medium',
            items: [
              text(plain(w.alertFactNextStep), { weight: 'Bolder', size: 'Small' }),
              text(plain(nextStep), { size: 'Small', spacing: 'Small' }),
            ],
          },
        ]),
    ...(ticketLine
      ? [
          {
            type: 'Container',
            style: 'emphasis',
            spacing: 'Medium',
            items: [text(plain(ticketLine), { weight: 'Bolder' })],
          },
        ]
      : []),
    ...noticeOf(answer, language),
    subtle(w.alertCountsOnly),
  ];
  const data = { incidentId: incident.id, language };
  const actions = [
    execute(w.alertShowPeople, 'incidentPeople', data),
    execute(w.alertOpenTicket, 'incidentTicket', data),
  ];
  return card(
    body,
    [
      title,
      ...facts.map((f) => `${f.title}: ${f.value}`),
      incident.resolved ? '' : trend,
      incident.resolved ? '' : `${w.alertFactNextStep}: ${nextStep}`,
      ticketLine ?? '',
    ]
      .filter(Boolean)
      .join('\n'),
    actions,
  );
}

function noticeOf(answer: IncidentAlertAnswer, language: Language): Element[] {
  const w = wording(language);
  const notice = answer.notice;
  if (!notice) return [];
  const line =
    notice.kind === 'people-sent'
      ? w.incidentPeopleSent
      : notice.kind === 'people-personal-first'
        ? w.incidentPeoplePersonalFirst
        : notice.kind === 'not-allowed'
          ? w.subscribeNotAllowedText
          : fill(notice.ticket.duplicate ? w.incidentTicketAlready : w.incidentTicketOpened, {
              reference: notice.ticket.reference,
              where: notice.ticket.where,
            });
  return [
    { type: 'Container', style: 'emphasis', spacing: 'Medium', items: [text(plain(line), { weight: 'Bolder' })] },
  ];
}

export function subscriptionCard(answer: SubscriptionAnswer, language: Language): Card {
  const w = wording(language);
  switch (answer.result) {
    case 'subscribed':
      return messageCard(language, w.subscribedTitle, [
        answer.shared ? w.subscribedTextShared : w.subscribedTextPersonal,
      ]);
    case 'already-subscribed':
      return messageCard(language, w.subscribedTitle, [w.alreadySubscribedText]);
    case 'unsubscribed':
      return messageCard(language, w.unsubscribedTitle, [w.unsubscribedText]);
    case 'not-subscribed':
      return messageCard(language, w.unsubscribedTitle, [w.notSubscribedText]);
    case 'not-allowed':
      return messageCard(language, w.subscribeNotAllowedTitle, [w.subscribeNotAllowedText]);
    case 'limit-person':
    case 'limit-tenant':
      return messageCard(language, w.subscribeLimitTitle, [
        fill(answer.result === 'limit-person' ? w.subscribeLimitPersonText : w.subscribeLimitTenantText, {
          count: answer.limit ?? 0,
        }),
      ]);
    case 'address-refused':
      return messageCard(language, w.subscribeAddressRefusedTitle, [w.subscribeAddressRefusedText]);
  }
}

export function incidentPeopleCard(answer: IncidentPeopleAnswer, language: Language): Card {
  const w = wording(language);
  const title = fill(w.incidentPeopleTitle, {
    people: plural(language, w.nPeople, answer.incident.people),
    id: answer.incident.id,
  });
  const listed = answer.people.slice(0, MAX_PEOPLE_LISTED);
  const lines = listed.map((p) => `- ${plain(p.name)} (${plain(p.upn)})`);
  const more = answer.incident.people - listed.length;
  const body: Element[] = [heading(plain(title)), subtle(plain(incidentTitle(answer.incident, language)))];
  if (lines.length > 0) body.push(text(lines.join('\n'), { size: 'Small' }));
  if (more > 0) body.push(subtle(fill(w.incidentPeopleMore, { count: more })));
  return card(body, [title, ...listed.map((p) => `${p.name} (${p.upn})`)].join('\n'));
}

/** The notice on top of an affected person's own answer. */
export function knownProblemNotice(
  problem: IncidentAnswer,
  language: Language,
  timeZone: string,
): { element: Element; line: string } {
  const w = wording(language);
  const since = localDateTime(problem.since, timeZone, language);
  const line = fill(w.knownProblemText, {
    people: plural(language, w.nPeople, problem.people),
    time: problem.sinceOrEarlier ? fill(w.knownProblemSinceOrEarlier, { time: since }) : since,
  });
  return {
    line: `${w.knownProblemTitle}: ${line}`,
    element: {
      type: 'Container',
      style: 'warning',
      items: [text(plain(w.knownProblemTitle), { weight: 'Bolder' }), text(plain(line), { spacing: 'Small' })],
    },
  };
}

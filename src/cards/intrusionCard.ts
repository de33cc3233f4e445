/**
 * "Did anyone try to get into my account?": yes or no first; where the attempts came from, what they
 * caused (a lockout, MFA fatigue) and what they used (a script); then "This wasn't me" (a ticket with
 * every detail) and the list of places.
 */
import type { IntrusionAnswer } from '../answers/types';
import { queryData } from '../answers/resolvedQuery';
import { localDateTime, localTime } from '../shared/time';
import { card, clip, heading, numbered, plain, subtle, text, type Card, type Element } from './elements';
import { scopeLine, windowText } from './filters';
import type { VerdictContext } from './verdictTypes';
import { ticketControls } from './ticketControls';
import { countryName, fill, firstName, plural, wording } from './wording';

const PLACES = 5;

export function intrusionCard(answer: IntrusionAnswer, ctx: VerdictContext): Card {
  const w = wording(ctx.language);
  const t = w.intrusion;
  const self = answer.subject.kind === 'self';
  const name = answer.subject.kind === 'person' ? answer.subject.name : '';
  const window = windowText(answer, ctx);
  const { facts } = answer;
  const placeName = (p: { city: string | null; country: string }) => {
    const country = countryName(p.country, ctx.language) ?? p.country;
    return p.city ? fill(w.place, { city: p.city, country }) : country;
  };
  const day = (d: Date) => localDateTime(d, ctx.timeZone, ctx.language).split(',')[0];
  const sameDay = (a: Date, b: Date) => day(a) === day(b);
  const lines: string[] = [];
  let steps: string[];
  if (facts.attempts.length > 0) {
    const places = facts.places.slice(0, 2).map(placeName).join(', ');
    lines.push(
      fill(self ? t.yesSelf : t.yes, {
        attempts: plural(ctx.language, w.nFailedAttempts, facts.attempts.length),
        places,
        window,
        name,
        first: firstName(name),
      }),
    );
    if (answer.finding) lines.push(t[answer.finding]);
    const clients = [...new Set(facts.places.flatMap((p) => p.clients))];
    if (clients.length > 0) lines.push(fill(t.scripted, { clients: clients.join(', ') }));
    steps = (self ? t.stepsSelf : t.steps).map((s) => fill(s, { first: firstName(name) }));
  } else {
    lines.push(
      facts.homeCountries.length === 0
        ? fill(t.noHome, { window })
        : fill(self ? t.noSelf : t.no, { window, name, first: firstName(name) }),
    );
    steps = t.stepsNo;
  }
  const scope = scopeLine(answer, ctx, lines);
  const body: Element[] = [
    heading(plain(lines[0])),
    ...lines.slice(1).map((l) => text(plain(l), { spacing: 'Small' })),
    subtle(plain(scope)),
  ];
  if (steps.length > 0)
    body.push({
      type: 'Container',
      spacing: 'Medium',
      items: [text(w.whatToDoNow, { weight: 'Bolder' }), text(plain(numbered(steps)), { spacing: 'Small' })],
    });
  body.push(...ticketPart(answer, ctx));
  if (facts.places.length > 0) {
    const rows = facts.places.slice(0, PLACES).map((p) =>
      fill(t.placeRow, {
        place: [placeName(p), p.ip].filter(Boolean).join(' · '),
        attempts: plural(ctx.language, w.nFailedAttempts, p.count),
        span:
          p.count > 1
            ? `${localDateTime(p.first, ctx.timeZone, ctx.language)}–${sameDay(p.first, p.last) ? localTime(p.last, ctx.timeZone, ctx.language) : localDateTime(p.last, ctx.timeZone, ctx.language)}`
            : localDateTime(p.last, ctx.timeZone, ctx.language),
        apps: clip(p.apps.join(', '), 80),
      }),
    );
    body.push(
      text(t.placesTitle, { weight: 'Bolder', size: 'Small', separator: true, spacing: 'Medium' }),
      text(rows.map((r) => `- ${plain(r)}`).join('\n'), { size: 'Small', spacing: 'Small' }),
    );
  }
  const summary = [...lines, scope, ...steps.map((s, i) => `${i + 1}. ${s}`)].join('\n');
  return card(body, summary);
}

function ticketPart(answer: IntrusionAnswer, ctx: VerdictContext): Element[] {
  const w = wording(ctx.language);
  if (answer.ticket) {
    const ticket = answer.ticket;
    return [
      {
        type: 'Container',
        style: 'good',
        spacing: 'Medium',
        items: [
          text(
            plain(
              fill(ticket.duplicate ? w.ticketAlreadyOnCard : w.ticketOnCard, {
                reference: ticket.reference,
                where: ticket.where,
              }),
            ),
            { weight: 'Bolder' },
          ),
        ],
      },
    ];
  }
  if (!answer.ticketSignInId) return [];
  const userId = answer.facts.attempts[0]?.record.userId ?? '';
  const data = { ...queryData(answer.query, ctx.language), signInId: answer.ticketSignInId, userId };
  return ticketControls(w, data, { notMe: true });
}

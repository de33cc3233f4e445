/** Answers that are a title and a few sentences: refusals, not found, help, problems, tickets. */
import type { Answer } from '../answers/types';
import type { Language } from '../shared/types';
import type { Audience } from '../shared/types';
import { explain } from '../diagnosis/catalog';
import { card, execute, heading, numbered, plain, text, type Card, type Element } from './elements';
import { fill, plural, wording, type Wording } from './wording';
import { localDateTime } from '../shared/time';

/** Choices offered in "which person did you mean?" (Teams shows at most 5 buttons). */
export const MAX_CHOICES = 5;

export interface MessageAction {
  title: string;
  verb: string;
  data: Record<string, unknown>;
}

/** A title, paragraphs, optional example questions and optional buttons. */
export function messageCard(
  language: Language,
  title: string,
  paragraphs: string[],
  examples: string[] = [],
  actions: MessageAction[] = [],
): Card {
  const s = wording(language);
  const body: Element[] = [heading(plain(title)), ...paragraphs.map((p) => text(plain(p)))];
  if (examples.length > 0)
    body.push(
      text(s.examplesTitle, { weight: 'Bolder', spacing: 'Medium' }),
      ...examples.map((e) => text(`• ${plain(e)}`, { spacing: 'Small' })),
    );
  if (actions.length > 0)
    body.push({ type: 'ActionSet', spacing: 'Small', actions: actions.map((a) => execute(a.title, a.verb, a.data)) });
  return card(body, [title, ...paragraphs, ...examples.map((e) => `• ${e}`)].join('\n'));
}

export function explainCodeCard(code: number, language: Language, audience: Audience): Card {
  const s = wording(language);
  const w = wording(language);
  const e = explain(code, language, audience);
  const title = fill(s.explainTitle, { code, title: e.title });
  const facts = [
    { title: s.factCode, value: String(code) },
    ...(e.whoFixes ? [{ title: s.factWhoFixes, value: s[`whoFixes_${e.whoFixes}` as keyof Wording] as string }] : []),
  ];
  const body: Element[] = [
    heading(plain(title)),
    text(plain(e.explanation)),
    text(w.whatToDoNow, { weight: 'Bolder', spacing: 'Medium' }),
    text(plain(numbered(e.steps.slice(0, 3))), { spacing: 'Small' }),
    { type: 'FactSet', spacing: 'Medium', facts },
  ];
  return card(body, `${title}\n${e.explanation}\n${numbered(e.steps)}`, [
    { type: 'Action.OpenUrl', title: w.lookup, url: e.lookupUrl },
  ]);
}

type MessageKind = Exclude<
  Answer,
  {
    kind:
      | 'summary'
      | 'count'
      | 'tenant'
      | 'intrusion'
      | 'explain-code'
      | 'subscription'
      | 'incident-alert'
      | 'incident-people'
      | 'fix'
      | 'fix-elsewhere';
  }
>;

export function messageAnswerCard(answer: MessageKind, language: Language, audience: Audience, timeZone: string): Card {
  const s = wording(language);
  const w = wording(language);
  switch (answer.kind) {
    case 'refused':
      if (answer.reason === 'no-object-id' || answer.reason === 'other-tenant')
        return messageCard(language, s.refusedTitle, [s.refusedText]);
      if (answer.reason === 'rate-limited')
        return messageCard(language, s.rateLimitedTitle, [answer.onClick ? s.rateLimitedClickText : s.rateLimitedText]);
      if (answer.reason === 'bad-action-data')
        return messageCard(language, s.ticketFailedTitle, [s.ticketSignInGoneText]);
      return messageCard(language, s.notAllowedTitle, [s.notAllowedText]);
    case 'ask-privately':
      return answer.personalChatUrl
        ? card(
            [
              heading(plain(s.askPrivatelyTitle)),
              text(plain(s.askPrivatelyText)),
              {
                type: 'ActionSet',
                actions: [{ type: 'Action.OpenUrl', title: s.fixes.openPersonal, url: answer.personalChatUrl }],
              },
            ],
            [s.askPrivatelyTitle, s.askPrivatelyText].join('\n'),
          )
        : messageCard(language, s.askPrivatelyTitle, [s.askPrivatelyText]);
    case 'not-found':
      if (answer.suggestions?.length && answer.pending) {
        // The headline names whom the reader most likely meant; the text says what was not found.
        const names = answer.suggestions.map((p) => p.displayName);
        const listed = names.length > 1 ? `${names.slice(0, -1).join(', ')}${w.or}${names.at(-1)}` : names[0];
        return messageCard(
          language,
          fill(w.didYouMeanTitle, { names: listed }),
          [fill(w.didYouMean, { name: answer.name })],
          [],
          answer.suggestions.map((p) => ({
            title: `${p.displayName} (${p.userPrincipalName})`,
            verb: 'choosePerson',
            data: JSON.parse(JSON.stringify({ ...answer.pending, language, userId: p.id })) as Record<string, unknown>,
          })),
        );
      }
      return messageCard(language, s.notFoundTitle, [
        fill(s.notFoundText, { name: answer.name }),
        ...(answer.workloadsOff ? [w.workloadsOff] : []),
      ]);
    case 'choose-person': {
      const more = answer.people.length - MAX_CHOICES;
      const paragraphs = [
        fill(s.chooseText, { name: answer.typedName }),
        ...(more > 0 ? [plural(language, w.chooseMore, more)] : []),
      ];
      return messageCard(
        language,
        s.chooseTitle,
        paragraphs,
        [],
        answer.people.slice(0, MAX_CHOICES).map((p) => ({
          title: `${p.displayName} (${p.userPrincipalName}${p.department ? `, ${p.department}` : ''})`,
          verb: 'choosePerson',
          data: JSON.parse(JSON.stringify({ ...answer.pending, language, userId: p.id })) as Record<string, unknown>,
        })),
      );
    }
    case 'help':
      return messageCard(
        language,
        s.helpTitle,
        [s.helpText, answer.reader ? s.helpScopeHelpdesk : s.helpScopeUser],
        answer.examples,
      );
    case 'unknown':
      return messageCard(language, s.unknownTitle, [s.unknownText], answer.examples);
    case 'too-long':
      return messageCard(language, s.tooLongTitle, [fill(s.tooLongText, { max: answer.max })]);
    case 'before-retention':
      return messageCard(language, s.beforeRetentionTitle, [
        fill(s.beforeRetentionText, { days: answer.days, from: localDateTime(answer.oldest, timeZone, language) }),
      ]);
    case 'problem': {
      const title = s[`serviceTitle_${answer.problem}` as keyof Wording] as string;
      const body = fill(s[`serviceText_${answer.problem}` as keyof Wording] as string, {
        seconds: Math.max(1, answer.retryAfterSeconds ?? 10),
      });
      const canRetry =
        answer.retry !== null &&
        (answer.problem === 'throttled' || answer.problem === 'unavailable' || answer.problem === 'busy');
      return messageCard(
        language,
        title,
        [body],
        [],
        canRetry ? [{ title: s.retry, verb: 'retry', data: answer.retry! }] : [],
      );
    }
    case 'ticket-failed':
      if (answer.reason === 'not-configured')
        return messageCard(language, s.ticketNotConfiguredTitle, [s.ticketNotConfiguredText]);
      if (answer.reason === 'sign-in-gone') return messageCard(language, s.ticketFailedTitle, [s.ticketSignInGoneText]);
      if (answer.reason === 'busy' || answer.reason === 'state-unavailable') {
        return messageCard(
          language,
          s.ticketFailedTitle,
          [answer.reason === 'busy' ? w.ticketBusy : w.ticketStateUnavailable],
          [],
          answer.retry ? [{ title: s.retry, verb: 'openTicket', data: answer.retry }] : [],
        );
      }
      return messageCard(
        language,
        s.ticketFailedTitle,
        [audience === 'user' ? w.ticketSinkFailedUser : w.ticketSinkFailedHelpdesk],
        [],
        answer.retry ? [{ title: s.retry, verb: 'openTicket', data: answer.retry }] : [],
      );
    case 'ticket-opened':
      return ticketOpenedCard(answer, language, timeZone);
    case 'incident':
      return messageCard(language, w.incidentTitle, [
        fill(w.incidentText, {
          people: plural(language, w.nPeople, answer.people),
          time: localDateTime(answer.since, timeZone, language),
        }),
      ]);
    case 'still-looking':
      return messageCard(language, s.stillLookingTitle, [s.stillLookingText]);
    case 'incident-gone':
      return messageCard(language, w.knownProblemTitle, [w.incidentGone]);
    case 'incident-refused':
      return messageCard(language, w.knownProblemTitle, [w.subscribeNotAllowedText]);
  }
}

function ticketOpenedCard(
  answer: Extract<Answer, { kind: 'ticket-opened' }>,
  language: Language,
  timeZone: string,
): Card {
  const s = wording(language);
  const w = wording(language);
  const { ticket, record } = answer;
  const title = fill(s.ticketOpenedTitle, { reference: ticket.reference });
  const body = fill(
    ticket.unconfirmed ? s.ticketUnconfirmedText : ticket.duplicate ? s.ticketAlreadyText : s.ticketOpenedText,
    { reference: ticket.reference, where: ticket.where },
  );
  // A retry answered from the ledger knows only the ticket until the investigation supplies the record.
  const recordKnown = !answer.fromLedger || Boolean(record.createdDateTime);
  const facts = [
    { title: s.factReference, value: ticket.reference },
    { title: s.factSentTo, value: ticket.where },
    ...(recordKnown
      ? [
          { title: s.factAffected, value: `${record.userDisplayName ?? ''} (${record.userPrincipalName ?? ''})` },
          {
            title: s.factError,
            value: `${record.status?.errorCode ?? ''} · ${explain(record.status?.errorCode ?? 0, language, 'user').title}`,
          },
          { title: s.factLocal, value: localDateTime(new Date(record.createdDateTime as string), timeZone, language) },
        ]
      : []),
  ].map((f) => ({ title: plain(f.title), value: plain(f.value) }));
  const paragraphs = [
    text(plain(body)),
    ...(ticket.comment ? [text(plain(fill(w.yourComment, { comment: ticket.comment })), { size: 'Small' })] : []),
  ];
  return card(
    [heading(plain(title)), ...paragraphs, { type: 'FactSet', facts }],
    [title, body, ticket.comment ?? ''].filter(Boolean).join('\n'),
  );
}

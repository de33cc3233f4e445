/**
 * The one renderer: an Answer, for a language and an audience, becomes an Adaptive Card 1.5 with
 * a plain-text summary (fallbackText/speak) for notifications and screen readers.
 */
import type { Reply } from '../answers/types';
import type { Language } from '../shared/types';
import type { Audience } from '../shared/types';
import { countCard } from './countCard';
import { explainCodeCard, messageAnswerCard, messageCard } from './messages';
import { summaryCard } from './summaryCard';
import { tenantCard } from './tenantCard';
import { intrusionCard } from './intrusionCard';
import { incidentAlertCard, incidentPeopleCard, subscriptionCard } from './incidentCards';
import { wording } from './wording';
import type { Card } from './elements';
import { fixCard, fixElsewhereCard } from './fixCards';

export type { Card } from './elements';
export { messageCard } from './messages';
export { wording } from './wording';
export { signInFacts } from './facts';

export function renderAnswer(reply: Reply): Card {
  const { answer, language, audience, timeZone } = reply;
  const ctx = { language, audience, timeZone };
  switch (answer.kind) {
    case 'summary':
      return summaryCard(answer, ctx);
    case 'count':
      return countCard(answer, ctx);
    case 'tenant':
      return tenantCard(answer, ctx);
    case 'intrusion':
      return intrusionCard(answer, ctx);
    case 'explain-code':
      return explainCodeCard(answer.code, language, audience);
    case 'subscription':
      return subscriptionCard(answer, language);
    case 'incident-alert':
      return incidentAlertCard(answer, language, timeZone);
    case 'incident-people':
      return incidentPeopleCard(answer, language);
    case 'fix':
      return fixCard(answer, language, timeZone);
    case 'fix-elsewhere':
      return fixElsewhereCard(answer, language);
    case 'ticket-opened':
      // The investigation stays: the summary it came from, with the ticket's state on it.
      if (answer.summary?.kind === 'intrusion') return intrusionCard({ ...answer.summary, ticket: answer.ticket }, ctx);
      return answer.summary
        ? summaryCard({ ...answer.summary, ticket: answer.ticket }, ctx)
        : messageAnswerCard(answer, language, audience, timeZone);
    default:
      return messageAnswerCard(answer, language, audience, timeZone);
  }
}

/** What a person sees when a turn fails unexpectedly: their language, their audience's words; detail only in the log. */
export function turnErrorCard(language: Language, audience: Audience): Card {
  const w = wording(language);
  return messageCard(language, w.turnErrorTitle, [audience === 'helpdesk' ? w.turnErrorTextHelpdesk : w.turnErrorText]);
}

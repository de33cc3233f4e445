/**
 * One understood question → an Answer: help and explanations directly; follow-ups ("show more",
 * "and the day before?") on the previous subject, authorized again; otherwise resolve the subject,
 * authorize, and read the sign-ins.
 */
import type { Mention, Question, Subject } from '../understanding/question';
import type { PeopleDirectory } from '../directory/people';
import type { Gatekeeper } from './access';
import type { FollowUpMemory, Remembered } from './memory';
import { resolveSubject, sameSubject } from './resolve';
import { toResolved } from './resolvedQuery';
import { countsPeople } from './tenantWords';
import { answerSignIns } from './signIns';
import { answerFirstThenComplete, type TwoStepDeps } from './twoStep';
import { workloadOrNotFound } from './workloads';
import type { Answer, Requester, ResolvedQuery, Understanding } from './types';
import type { IncidentService } from '../incidents/service';
import { answerSubscription } from './incidents';
import { yesNoAbout } from './yesNo';
import { answerFixAsked, type FixDeps } from './fixes';

export interface QuestionDeps extends TwoStepDeps {
  /** Incident alerts and known problems (src/incidents); none when the live index is off. */
  incidents?: IncidentService | null;
  understanding: Understanding;
  people: PeopleDirectory;
  gate: Gatekeeper;
  memory: FollowUpMemory;
  /** Helpdesk fixes asked in words (src/answers/fixes.ts). */
  fixes?: FixDeps;
}

/** The query a question asks, with the answer shapes its words ask for. */
function shaped(question: Question, text: string, userId: string | null, everyone = userId === null): ResolvedQuery {
  const query = toResolved(question, userId);
  // "which error codes are most common?" asks for a ranking (top apps / codes / countries), not for a number.
  const ranking = everyone && question.tenantAsk?.startsWith('top-') === true;
  // "how many accounts are locked right now?" is answered by the locked-out list (its headline counts them), which
  // also says who is still locked. Lockouts in a past window stay a count: that read is of lockouts only.
  const lockedOut = everyone && question.tenantAsk === 'locked-now' && !question.form.outage;
  if (!ranking && !lockedOut && (question.intent === 'count' || question.form.counting)) query.counting = true;
  if (question.form.outage && userId === null) query.yesNo = true;
  if (question.from === null && question.to === null && question.form.presentTense) query.aboutNow = true;
  if (query.counting && countsPeople(text)) query.countPeople = true;
  const country = question.country;
  // A country by its code; "abroad" (no name) is outside the tenant's usual country; a name without a code is said as not applied.
  if (country?.code) query.country = { code: country.code.toUpperCase(), outside: country.outside };
  else if (country && country.name === null && country.outside) query.country = { code: null, outside: true };
  else if (country) query.unrecognised = [{ kind: 'country', text: country.name ?? '?' }];
  if (question.platform) query.platform = question.platform;
  if (question.guests) query.guests = true;
  if (!everyone && question.form.intrusion) query.intrusion = true;
  const yesNo = everyone ? undefined : yesNoAbout(question);
  if (yesNo) query.yesNoAbout = yesNo;
  // About everyone, and not an outage, an id or a count: one of the tenant-wide answers (who failed, when the parser names none).
  if (everyone && !query.yesNo && !query.counting && !query.requestId && !query.correlationId)
    query.ask = question.tenantAsk ?? (question.category === 'lockout' ? 'locked-now' : 'people');
  return query;
}

/** Where "show more" goes on after an answer. */
export function nextOffsetOf(answer: Answer): number | undefined {
  return answer.kind === 'summary' ? answer.offset + answer.limit : undefined;
}

export async function answerQuestion(
  deps: QuestionDeps,
  requester: Requester,
  question: Question,
  text: string,
  mentions: Mention[],
  previous: Remembered | undefined,
): Promise<Answer> {
  const language = question.language;
  switch (question.intent) {
    case 'help':
      // "help" clears the conversation: nothing of the question before it carries over (a refusal does).
      await deps.memory.remember(requester.conversationKey, {
        question,
        subjectId: null,
        subjectName: null,
        refused: previous?.refused,
      });
      return {
        kind: 'help',
        reader: await deps.gate.isReader(requester),
        examples: deps.understanding.examples(language),
      };
    case 'unknown':
      return { kind: 'unknown', examples: deps.understanding.examples(language) };
    case 'subscribe':
    case 'unsubscribe':
      if (!deps.incidents) return { kind: 'unknown', examples: deps.understanding.examples(language) };
      return answerSubscription(deps.incidents, deps.gate, requester, question.intent, language);
    case 'explain':
      if (question.errorCode === null) return { kind: 'unknown', examples: deps.understanding.examples(language) };
      return { kind: 'explain-code', code: question.errorCode };
  }

  // Follow-ups keep the previous subject: its resolution is reused, and the asker is authorized again.
  // Only a fragment the parser merged with the previous question (or the same subject again) follows
  // up: a complete question that names no one ("is there an outage?") starts fresh.
  let subject: Subject | null = question.subject;
  const continued = question.followUp !== undefined || (subject === null && question.context === 'continued');
  const followsUp = previous && (continued || (subject !== null && sameSubject(subject, previous.question.subject)));
  if (previous && followsUp && (question.followUp !== undefined || !previous.refused)) {
    const refusal = await deps.gate.authorize(requester, 'message', previous.subjectId, previous.refused);
    if (refusal) return refusal;
    const followUp = question.followUp;
    const query: ResolvedQuery = {
      ...shaped(question, text, previous.subjectId),
      offset:
        followUp?.kind === 'more' ? previous.nextOffset : followUp?.kind === 'details' ? followUp.index : undefined,
      limit: followUp?.kind === 'details' ? 1 : undefined,
    };
    // "Show more" and "details" page through an answer already given: no first step of their own.
    const answer =
      followUp === undefined
        ? await answerFirstThenComplete(deps, requester, query, previous.subjectName)
        : await answerSignIns(deps, requester, query, previous.subjectName);
    await deps.memory.remember(requester.conversationKey, {
      ...previous,
      question,
      nextOffset: nextOffsetOf(answer) ?? previous.nextOffset,
    });
    return answer;
  }
  // "is there an outage?" from a reader is about everyone; from anyone else, about themselves.
  if (subject === null)
    subject = question.form.outage && (await deps.gate.isReader(requester)) ? { kind: 'anyone' } : { kind: 'self' };

  const target = await resolveSubject(deps, requester, subject, mentions, question);
  if ('answer' in target) {
    // Remember a refused question so that "and the day before?" or "show more" after it are
    // refused as well, instead of silently answering the previous (allowed) question.
    if (target.answer.kind === 'refused' && target.answer.reason === 'not-a-reader')
      await deps.memory.remember(requester.conversationKey, {
        question,
        subjectId: null,
        subjectName: null,
        refused: true,
      });
    if (target.answer.kind === 'not-found' && subject.kind === 'person')
      return workloadOrNotFound(deps, requester, shaped(question, text, null, false), subject.text, target.answer);
    return target.answer;
  }
  // "unlock Megan's account": the fix's confirmation (or what exists instead), no sign-in read.
  if (question.fixAsked && deps.fixes && target.userId !== null)
    return answerFixAsked(
      deps.fixes,
      requester,
      question.fixAsked,
      target.name && subject.kind !== 'self' ? { id: target.userId, name: target.name } : null,
    );
  const answer = await answerFirstThenComplete(deps, requester, shaped(question, text, target.userId), target.name);
  if (question.idUnlabelled && question.requestId && foundNothing(answer)) {
    return answerUnlabelledId(deps, requester, question, text, mentions, target);
  }
  await deps.memory.remember(requester.conversationKey, {
    question,
    subjectId: target.userId,
    subjectName: target.name,
    nextOffset: nextOffsetOf(answer),
  });
  return answer;
}

const foundNothing = (answer: Answer) =>
  (answer.kind === 'summary' || answer.kind === 'count') && answer.diagnosis.recordCount === 0;

/**
 * A GUID alone that is no sign-in's id: tried as a correlation id (in the same scope, so a
 * non-reader's reads are the same whoever's id it is), then as a user's object id — which the
 * access policy refuses for a non-reader exactly as it refuses an unknown one.
 */
async function answerUnlabelledId(
  deps: QuestionDeps,
  requester: Requester,
  question: Question,
  text: string,
  mentions: Mention[],
  target: { userId: string | null; name: string | null },
): Promise<Answer> {
  const id = question.requestId!;
  const asCorrelation: Question = { ...question, requestId: null, correlationId: id, idUnlabelled: false };
  const correlated = await answerSignIns(deps, requester, shaped(asCorrelation, text, target.userId), target.name);
  if (!foundNothing(correlated)) {
    await deps.memory.remember(requester.conversationKey, {
      question: asCorrelation,
      subjectId: target.userId,
      subjectName: target.name,
      nextOffset: nextOffsetOf(correlated),
    });
    return correlated;
  }
  const asUser: Question = {
    ...question,
    requestId: null,
    idUnlabelled: false,
    subject: { kind: 'objectId', value: id },
  };
  return answerQuestion(deps, requester, asUser, text, mentions, undefined);
}

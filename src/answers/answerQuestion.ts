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
import { asksAboutNow, wantsCount, wantsYesNo } from './shape';
import { answerSignIns, type SignInAnswerDeps } from './signIns';
import { workloadOrNotFound } from './workloads';
import type { Answer, Requester, ResolvedQuery, Understanding } from './types';
import type { IncidentService } from '../incidents/service';
import { answerSubscription } from './incidents';

export interface QuestionDeps extends SignInAnswerDeps {
  /** Incident alerts and known problems (src/incidents); none when the live index is off. */
  incidents?: IncidentService | null;
  understanding: Understanding;
  people: PeopleDirectory;
  gate: Gatekeeper;
  memory: FollowUpMemory;
}

/** The query a question asks, with the answer shapes its words ask for. */
function shaped(question: Question, text: string, userId: string | null): ResolvedQuery {
  const query = toResolved(question, userId);
  if (question.intent === 'count' || wantsCount(text)) query.counting = true;
  if (wantsYesNo(text) && userId === null) query.yesNo = true;
  if (question.from === null && question.to === null && asksAboutNow(text)) query.aboutNow = true;
  return query;
}

/** Where "show more" goes on after an answer. */
export function nextOffsetOf(answer: Answer): number | undefined {
  return answer.kind === 'summary' ? answer.offset + answer.limit : undefined;
}

export async function answerQuestion(deps: QuestionDeps, requester: Requester, question: Question, text: string, mentions: Mention[], previous: Remembered | undefined): Promise<Answer> {
  const language = question.language;
  switch (question.intent) {
    case 'help':
      return { kind: 'help', reader: await deps.gate.isReader(requester), examples: deps.understanding.examples(language) };
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
  let subject: Subject | null = question.subject;
  const followsUp = previous && (question.followUp !== undefined || subject === null || sameSubject(subject, previous.question.subject));
  if (previous && followsUp && (question.followUp !== undefined || !previous.refused)) {
    const refusal = await deps.gate.authorize(requester, 'message', previous.subjectId, previous.refused);
    if (refusal) return refusal;
    const followUp = question.followUp;
    const query: ResolvedQuery = {
      ...shaped(question, text, previous.subjectId),
      offset: followUp?.kind === 'more' ? previous.nextOffset : followUp?.kind === 'details' ? followUp.index : undefined,
      limit: followUp?.kind === 'details' ? 1 : undefined,
    };
    const answer = await answerSignIns(deps, requester, query, previous.subjectName);
    await deps.memory.remember(requester.conversationKey, { ...previous, question, nextOffset: nextOffsetOf(answer) ?? previous.nextOffset });
    return answer;
  }
  // "is there an outage?" from a reader is about everyone; from anyone else, about themselves.
  if (subject === null) subject = wantsYesNo(text) && (await deps.gate.isReader(requester)) ? { kind: 'anyone' } : { kind: 'self' };

  const target = await resolveSubject(deps, requester, subject, mentions, question);
  if ('answer' in target) {
    // Remember a refused question so that "and the day before?" or "show more" after it are
    // refused as well, instead of silently answering the previous (allowed) question.
    if (target.answer.kind === 'refused' && target.answer.reason === 'not-a-reader') await deps.memory.remember(requester.conversationKey, { question, subjectId: null, subjectName: null, refused: true });
    if (target.answer.kind === 'not-found' && subject.kind === 'person') return workloadOrNotFound(deps, requester, shaped(question, text, null), subject.text, target.answer);
    return target.answer;
  }
  const answer = await answerSignIns(deps, requester, shaped(question, text, target.userId), target.name);
  await deps.memory.remember(requester.conversationKey, { question, subjectId: target.userId, subjectName: target.name, nextOffset: nextOffsetOf(answer) });
  return answer;
}

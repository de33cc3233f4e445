/**
 * Turns the subject of a question into an object id. Authorization happens here, before any
 * lookup: a person who is not a sign-in reader gets the same refusal for every other subject, and
 * no directory or sign-in request is made on their behalf.
 */
import type { Mention, Question, Subject } from '../understanding/question';
import type { PeopleDirectory, Person } from '../directory/people';
import { closeMatches } from '../directory/closeMatches';
import type { Subject as AccessSubject } from '../access/policy';
import { refusalAnswer, sameId, type Gatekeeper } from './access';
import { toResolved } from './resolvedQuery';
import type { Answer, Requester } from './types';

export interface Target {
  userId: string | null;
  name: string | null;
}

/**
 * A name as compared: case, spacing, accents, apostrophes and dots aside, a hyphen as a space — as a keyboard
 * without accents types it ("Mateo Garcia" for Mateo García, "sean obrien" for Seán O'Brien, "zoe" for Zoë).
 */
function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ı/g, 'i')
    .toLowerCase()
    .replace(/['’.]/g, '')
    .replace(/[\s-]+/g, ' ')
    .trim();
}

/** Whether a question names the same subject as the previous one ("what about megan" after "megan"). */
export function sameSubject(a: Subject, b: Subject | null): boolean {
  if (!b || a.kind !== b.kind) return false;
  if (a.kind === 'person' && b.kind === 'person') return nameKey(a.text) === nameKey(b.text);
  return JSON.stringify(a) === JSON.stringify(b);
}

export async function resolveSubject(
  deps: { people: PeopleDirectory; gate: Gatekeeper },
  requester: Requester,
  subject: Subject,
  mentions: Mention[],
  question: Question,
): Promise<Target | { answer: Answer }> {
  const self: Target = { userId: requester.userId!, name: null };
  // An id names one attempt: a reader's pasted screen (often a colleague's) is looked up whoever's it is;
  // anyone else's is looked for among their own sign-ins only.
  if (subject.kind === 'self' && (question.requestId || question.correlationId)) {
    const wide = await deps.gate.decide(requester, 'message', { kind: 'everyone', correlationId: true });
    return wide.allow && wide.scope === 'others' ? { userId: null, name: null } : self;
  }
  const decision = await deps.gate.decide(
    requester,
    'message',
    accessSubject(requester, subject, mentions, question, (upn) => isOwnUpn(deps.people, requester.userId!, upn)),
  );
  if (!decision.allow) return { answer: refusalAnswer(decision.reason) };
  if (decision.scope === 'self') return self;
  switch (subject.kind) {
    case 'self':
      return self;
    case 'anyone':
      return { userId: null, name: null };
    case 'objectId':
      return { userId: subject.value, name: null };
    case 'mention': {
      const mention = mentions[subject.index];
      if (!mention?.aadObjectId) return { answer: { kind: 'not-found', name: mention?.name ?? '?' } };
      return { userId: mention.aadObjectId, name: mention.name };
    }
    case 'upn': {
      const person = await deps.people.get(subject.value);
      if (!person) return { answer: { kind: 'not-found', name: subject.value } };
      return { userId: person.id, name: person.displayName };
    }
    case 'person': {
      const found = await deps.people.search(subject.text);
      const exact = found.filter((p) => nameKey(p.displayName) === nameKey(subject.text));
      const pick: Person[] = exact.length === 1 ? exact : found;
      if (pick.length === 0) {
        // Only a reader gets here (a non-reader's question about someone else was refused above, unlooked-up).
        const suggestions = await closeMatches(deps.people, subject.text);
        const unaccented = suggestions.filter((p) => nameKey(p.displayName) === nameKey(subject.text));
        if (unaccented.length === 1) return { userId: unaccented[0].id, name: unaccented[0].displayName };
        return {
          answer: {
            kind: 'not-found',
            name: subject.text,
            ...(suggestions.length > 0 ? { suggestions, pending: toResolved(question, null) } : {}),
          },
        };
      }
      if (pick.length > 1)
        return {
          answer: { kind: 'choose-person', typedName: subject.text, people: pick, pending: toResolved(question, null) },
        };
      return { userId: pick[0].id, name: pick[0].displayName };
    }
  }
}

async function isOwnUpn(people: PeopleDirectory, userId: string, upn: string): Promise<boolean> {
  const me = await people.get(userId);
  const wanted = upn.toLowerCase();
  return (
    Boolean(me) && [me!.userPrincipalName, me!.mail].some((v) => typeof v === 'string' && v.toLowerCase() === wanted)
  );
}

/** What the access policy needs to know of a question's subject before anyone is looked up. */
function accessSubject(
  requester: Requester,
  subject: Subject,
  mentions: Mention[],
  question: Question,
  isOwn: (upn: string) => Promise<boolean>,
): AccessSubject {
  switch (subject.kind) {
    case 'self':
      return { kind: 'self' };
    case 'objectId':
      return { kind: 'user', userId: subject.value };
    case 'mention':
      return sameId(mentions[subject.index]?.aadObjectId, requester.userId) ? { kind: 'self' } : { kind: 'named' };
    case 'person':
      return requester.name && nameKey(subject.text) === nameKey(requester.name) ? { kind: 'self' } : { kind: 'named' };
    case 'upn':
      // Their own UPN: compared with their own directory entry (a lookup of themselves only, so
      // nothing is learned about the person named, who is never looked up).
      return { kind: 'named', isAsker: () => isOwn(subject.value) };
    case 'anyone':
      return { kind: 'everyone', correlationId: question.correlationId !== null || question.requestId !== null };
  }
}

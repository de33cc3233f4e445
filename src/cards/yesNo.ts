/** The yes or no a yes/no question about one account leads with (src/answers/yesNo.ts decides it). */
import type { SummaryAnswer } from '../answers/types';
import type { YesNoFact } from '../answers/yesNo';
import { explain } from '../diagnosis/catalog';
import { localDateTime } from '../shared/time';
import { categoryNoun, windowText } from './filters';
import type { VerdictContext } from './verdictTypes';
import { fill, plural, wording } from './wording';

type Key = keyof ReturnType<typeof wording>['yesNo'];

function keyOf(fact: YesNoFact): string {
  switch (fact.about) {
    case 'locked':
      return fact.yes ? 'lockedYes' : fact.signedIn ? 'lockedOver' : 'lockedNone';
    case 'disabled':
      if (fact.yes) return fact.since ? 'disabledYes' : 'disabledYesNoSince';
      if (!fact.byDirectory) return 'disabledNoLog';
      return fact.last ? 'disabledNoWas' : 'disabledNo';
    case 'failing':
      if (fact.yes) return 'failingYes';
      return fact.signedIn ? (fact.earlier ? 'failingNoEarlier' : 'failingNo') : 'failingNone';
  }
}

/** The headline sentence: "Yes: Megan Bowen is locked out: 2 lockouts since …", in the asker's language. */
export function yesNoText(answer: SummaryAnswer, fact: YesNoFact, ctx: VerdictContext): string {
  const w = wording(ctx.language).yesNo;
  const self = answer.subject.kind !== 'person';
  const key = `${keyOf(fact)}${self ? 'Self' : ''}` as Key;
  const time = (d: Date | null) => (d ? localDateTime(d, ctx.timeZone, ctx.language) : '?');
  return fill(w[key], {
    name: answer.subject.kind === 'person' ? answer.subject.name : '',
    window: windowText(answer, ctx),
    ...(fact.about === 'locked' && fact.yes
      ? { since: time(fact.since), lockouts: `${fact.lockouts} ${categoryNoun('lockout', ctx, fact.lockouts)}` }
      : {}),
    ...(fact.about === 'locked' && !fact.yes ? { last: time(fact.last), signedIn: time(fact.signedIn) } : {}),
    ...(fact.about === 'disabled' && fact.yes ? { since: time(fact.since) } : {}),
    ...(fact.about === 'disabled' && !fact.yes ? { last: time(fact.last) } : {}),
    ...(fact.about === 'failing' && fact.yes
      ? { since: time(fact.since), code: fact.code, title: explain(fact.code, ctx.language, ctx.audience).title }
      : {}),
    ...(fact.about === 'failing' && !fact.yes
      ? {
          signedIn: time(fact.signedIn),
          earlier: plural(ctx.language, wording(ctx.language).nFailedAttempts, fact.earlier ?? 0),
        }
      : {}),
  });
}

/**
 * Who the question is about, from everything found (src/understanding/subject.ts finds the clues): ids beat names,
 * names beat pronouns, and "who"/"anyone" or the asker win over a doubtful name.
 */
import type { Subject } from './question';
import type { PersonFinding } from './subject';

/** Everything found that says who the question is about; `chooseSubject` picks one. */
export interface SubjectClues {
  mention: number | null;
  upn: string | null;
  objectId: string | null;
  person: PersonFinding | null;
  /** "what is AADSTS50126 exactly": a code explained names a person only with a cue ("… mean for Patti"). */
  explainsCode?: boolean;
  /** "I", "my", "ik" outside "show me"-like phrases. */
  self: boolean;
  /** "who", "anyone", "welke gebruikers". */
  anyone: boolean;
  /** A ranking or "which colleagues …": about many people, even beside the asker's "I need them for a report". */
  many?: boolean;
  /** The name stands outside the question's own sentence ("who else got 500121? I don't think Patti is the only one"). */
  personAside?: boolean;
  /** A question outside the name's sentence points back to it ("Megan called. who locked her out?"): even a "who" question is about the name. */
  personPointedBack?: boolean;
  /** "I"/"my" only outside the question sentences, which ask about anyone. */
  selfAside?: boolean;
  /** The question asks about failures or sign-ins, or gives an error code. */
  asks: boolean;
  /** "failed logins", "aanmeldingen": tenant-wide when no one is named. */
  pluralEvents: boolean;
  /** "cant sign in": the asker, when no one is named. */
  impliedSelf: boolean;
  /** An app, code or correlation id with no one named: tenant-wide ("is salesforce failing?"). */
  tenantWide: boolean;
}

/** Ids beat names, names beat pronouns; an uncued word loses to "who"/"anyone", a lone lower-case one to "I"/"my" too. */
export function chooseSubject(c: SubjectClues): Subject | null {
  if (c.mention !== null) return { kind: 'mention', index: c.mention };
  if (c.upn) return { kind: 'upn', value: c.upn };
  if (c.objectId) return { kind: 'objectId', value: c.objectId };
  if (c.anyone && c.many && c.personAside) return { kind: 'anyone' };
  if (
    c.person?.person &&
    (c.person.cued || c.personPointedBack || !(c.anyone || c.explainsCode || (c.self && c.person.losesToSelf)))
  )
    return { kind: 'person', text: c.person.person };
  if (c.anyone && (c.many || c.selfAside)) return { kind: 'anyone' };
  if (c.self) return { kind: 'self' };
  if (c.anyone) return { kind: 'anyone' };
  if (c.asks && c.pluralEvents) return { kind: 'anyone' };
  if (c.asks && c.impliedSelf) return { kind: 'self' };
  return c.tenantWide ? { kind: 'anyone' } : null;
}

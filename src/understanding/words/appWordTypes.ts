/** The shape of a language's app words (words/types.ts `Words.app`): where an app's name stands and what it is not. */
export interface AppWords {
  /** Prepositions that introduce an app ("log into Outlook", "inloggen bij Teams"). */
  prepositions: string[];
  /** Prepositions that often introduce a person too ("problemen bij Ruud"): only known app names count after them. */
  weakPrepositions: string[];
  /** Weak prepositions that do introduce an app right after a sign-in verb ("inloggen bij AFAS", "log in at Contoso"). */
  strongAfterSignIn: string[];
  /** Modal verbs that, with a negation right before a weak preposition, make it introduce an app ("kan niet bij Contoso Expenses": cannot get to). */
  accessBefore: string[];
  /** Articles skipped before the app name ("the VPN" → "VPN"). */
  articles: string[];
  /** Words right before a preposition that make it not about an app ("what happened to bob"). */
  notAfter: string[];
  /** Verbs between a preposition and the app, skipped ("unable to access the HR portal"). */
  verbsBeforeApp: string[];
  /** Words after which "from" names an app ("blocked from Contoso Expenses"); elsewhere "from" is a place or a time. */
  blockedFrom: string[];
  /** Verbs after which "by" / "door" names the app that refused ("rejected by Contoso Expenses", "geweigerd door Workday"). */
  refusedBy: string[];
  /** "is X down", "ligt de X eruit": the verb before an app that is down, and words between it and "down" ("er", "now"). */
  outageVerbs: string[];
  outageFillers: string[];
  /** A Dutch clause with its verb last ("zodra ik Contoso Expenses open"): the words before the app and the verbs after. */
  clauseBeforeApp: string[];
  /** The word for an app, which names none on its own ("approve it in the app"). */
  genericWords: string[];
  /** "asked me to contact you": before "to", a word that makes the next one a verb, not an app. */
  pronounsBeforeTo: string[];
  /** "wie kan Contoso Reporting niet openen": a negation between the app and the verb after it. */
  notBeforeVerb: string[];
  /** What an app does to its user, after its name at the start ("Contoso Expenses geeft mij error …"). */
  verbsOfApp: string[];
  /** "contoso expenses login fails": a word for its sign-in between the acting app and its verb. */
  signInAfterActingApp: string[];
  /** Where a clause with an acting app may start inside a sentence: "Pradeep says Contoso Expenses has been blocking him". */
  beforeActingApp: string[];
  /** Words that join an app on after a person: "Johanna de Vries and Contoso Expenses". */
  beforeJoinedApp: string[];
  /** Departments, which name no app on their own ("everyone in HR is complaining", "HR says she's not back yet"). */
  departments: string[];
  /** Where a department stands, not an app: "in HR", "from finance". */
  beforeDepartment: string[];
  /** "my Contoso VPN", "mijn Contoso Portal": an owner's word before an app's name that ends in an app noun. */
  ownersBeforeApp: string[];
  /** Words that join two names ("Outlook And Teams"), never inside one. */
  joiningWords: string[];
  verbsAfterApp: string[];
  /** Words that say the name beside them is an app or automation identity, not a person ("the Payroll Sync service principal", "de app Payroll Sync"). */
  workloadNouns: string[];
  /** Words that cannot start an app name (pronouns, devices, places). */
  notApps: string[];
}

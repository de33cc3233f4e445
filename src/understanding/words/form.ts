/**
 * The shape of answer a question asks for, per language (see src/understanding/form.ts): a number,
 * a yes or no, whether there is an outage, and present tense ("can't", "kan niet": about now).
 */
import type { FormWords } from './types';

const enBlockedNow = ['blocked', 'locked', 'locked out', 'stuck'].flatMap((s) => [`is ${s}`, `am ${s}`, `i'm ${s}`, `im ${s}`, `i’m ${s}`]);
const enBrokenNow = ["isn't", 'isnt', "doesn't", 'doesnt', 'does not', 'is not'].flatMap((s) => [`${s} work*`, `${s} let`]);

export const enForm: FormWords = {
  counting: ['how many', 'how often'],
  outage: [
    'outage*', 'is something down', 'is anything down', 'is it down', 'is sign-in down', 'is signin down', 'is sign in down',
    'is login down', 'is something broken', 'is anything broken', 'is it broken', 'is sign-in broken', 'is login broken',
    'is there an outage', 'is there an incident', 'is there a problem', 'is there a sign-in problem', 'is there a sign in problem',
    'is there a login problem', 'are there sign-in problems', 'are there login problems', 'are there any sign-in problems',
    'are there any login problems', 'are there sign-in issues', 'are there any sign-in issues', 'down for everyone', 'down for everybody', 'anyone else', 'is it just me', 'just me', 'is everyone failing', 'everyone is failing', 'is everybody failing', "everyone can't", 'everyone cant', 'everyone cannot', 'nobody can',
  ],
  presentTense: [
    "can't", 'cant', 'cannot', 'can not', 'unable to', 'am not able to', "won't let me", 'wont let me', ...enBlockedNow,
    ...enBrokenNow, 'keep failing', 'keeps failing', 'keep blocking', 'keeps blocking', 'keep asking', 'keeps asking',
  ],
  yesNoOpeners: [
    'is', 'are', 'was', 'were', 'am', 'has', 'have', 'had', 'did', 'does', 'do', 'can', 'could', 'will', 'would', 'should',
  ],
  /** Openers of a request or a complaint, not of a yes/no question ("can you show…", "can not log in"). */
  intrusion: [
    'did anyone try', 'did someone try', 'did somebody try', 'has anyone tried', 'has someone tried', 'has somebody tried',
    'someone tried', 'somebody tried', 'anyone tried', 'someone is trying', 'someone trying', 'somebody is trying',
    'get into my account', 'break into my account', 'broke into my account', 'broken into', 'sign in as me', 'log in as me',
    'hacked', 'hacking', 'compromised', 'suspicious sign-in*', 'suspicious login*', 'suspicious activity', 'suspicious attempts',
    "wasn't me", 'wasnt me', 'not me', 'unknown location', 'unfamiliar location',
  ],
  intruders: ['someone', 'somebody', 'anyone', 'anybody', 'others', 'strangers', 'a stranger'],
  tries: ['try', 'tried', 'trying', 'tries', 'attempt*'],
  ownAccount: ['my account', 'my password', 'as me', 'my mailbox'],
  notYesNo: [
    'can not', 'could not', 'can you', 'could you', 'would you', 'will you', 'can u', 'could u', 'do you know why', 'do you know what', 'can i see',
    'could i see', 'can i get', 'do you have',
  ],
};

const nlBlockedNow = ['geblokkeerd', 'buitengesloten', 'vergrendeld'].flatMap((s) => [`ben ${s}`, `ben ik ${s}`, `is ${s}`]);

export const nlForm: FormWords = {
  counting: ['hoeveel', 'hoe vaak'],
  outage: [
    'storing*', 'is er een storing', 'is er een incident', 'is er een probleem', 'is er een aanmeldprobleem',
    'is er een inlogprobleem', 'zijn er problemen met inloggen', 'zijn er problemen met aanmelden', 'zijn er inlogproblemen',
    'zijn er aanmeldproblemen', 'voor iedereen plat', 'ligt het aan mij', 'anderen ook', 'iedereen kan niet', 'niemand kan', 'ligt er iets plat', 'ligt het plat', 'is het plat',
  ],
  presentTense: [
    'kan niet', 'kan ik niet', 'kan hij niet', 'kan zij niet', 'kan ze niet', 'lukt niet', 'lukt het niet', 'werkt niet',
    'werkt het niet', ...nlBlockedNow, 'word geblokkeerd', 'word ik geblokkeerd', 'wordt geblokkeerd', 'kom niet in',
    'kom ik niet in',
  ],
  yesNoOpeners: [
    'is', 'zijn', 'was', 'waren', 'ben', 'heeft', 'hebben', 'had', 'hadden', 'kan', 'kon', 'kunnen', 'konden', 'wordt',
    'werd', 'staat', 'stond', 'lukt', 'lukte', 'zit', 'zat', 'heb', 'probeerde', 'probeert', 'ligt', 'lag',
  ],
  intrusion: [
    'heeft iemand geprobeerd', 'probeerde iemand', 'iemand geprobeerd', 'iemand probeert', 'iemand probeerde', 'in mijn account te komen',
    'in mijn account', 'ingebroken', 'inbreken', 'gehackt', 'gehacked', 'verdachte aanmelding*', 'verdachte inlogpoging*',
    'verdachte activiteit', 'verdachte pogingen', 'was ik niet', 'niet ik', 'onbekende locatie',
  ],
  intruders: ['iemand', 'anderen', 'een ander', 'onbekenden', 'vreemden'],
  tries: ['geprobeerd', 'probeer*', 'poging*'],
  ownAccount: ['mijn account', "m'n account", 'mijn wachtwoord', 'als mij'],
  notYesNo: ['kan niet', 'kon niet', 'lukt niet', 'lukte niet', 'is niet', 'werd niet', 'kun je', 'kan je', 'kunt u', 'kan u', 'wil je', 'wilt u', 'zou je', 'zou u', 'kan ik zien', 'heb je'],
};

/**
 * Chat as people type it (src/understanding/chatWords.ts): shorthand and slips of the fingers in the parser's own words
 * are read as those words, while names, ids and pasted error screens stay exactly as typed.
 */
import { DEMO_PEOPLE } from '../../src/demo/people';
import { normaliseChat } from '../../src/understanding/chatWords';

describe('normaliseChat', () => {
  it('spells out chat shorthand in the language of the question', () => {
    expect(normaliseChat('whos locked out rn', 'en')).toBe("who's locked out right now");
    expect(normaliseChat('how many ppl failed, pls check', 'en')).toBe('how many people failed, please check');
    expect(normaliseChat('kun je ff kijken aub naar Lars', 'nl')).toBe('kun je even kijken alsjeblieft naar Lars');
    // Dutch "u" is the polite "you" already; only English reads "u" as shorthand.
    expect(normaliseChat('kunt u kijken', 'nl')).toBe('kunt u kijken');
  });

  it('corrects a letter dropped, added or swapped in a word the parser knows', () => {
    expect(normaliseChat('somone is tryign to get in', 'en')).toBe('someone is trying to get in');
    expect(normaliseChat('he cant loign', 'en')).toBe('he cant login');
  });

  it('leaves every demo person’s name as typed, in lower case, after a cue word and alone', () => {
    for (const { displayName } of DEMO_PEOPLE) {
      const name = displayName.toLowerCase();
      for (const language of ['en', 'nl'] as const) {
        expect(normaliseChat(`why cant ${name} log in`, language)).toBe(`why cant ${name} log in`);
        expect(normaliseChat(`failures for ${name.split(' ').at(-1)}`, language)).toBe(
          `failures for ${name.split(' ').at(-1)}`,
        );
      }
    }
  });

  it('does not change a letter: that is how names differ from words', () => {
    expect(normaliseChat('is geert locked', 'nl')).toBe('is geert locked');
    expect(normaliseChat('megan bowen', 'nl')).toBe('megan bowen');
  });

  it('drops the bot’s name typed as text and an opening greeting, so neither is read as a time or a sign-in', () => {
    expect(normaliseChat('@Sign-in Troubleshooter help', 'en')).toBe('help');
    expect(normaliseChat('morning! who failed since monday', 'en')).toBe('who failed since monday');
    expect(normaliseChat('morning failures for megan', 'en')).toBe('morning failures for megan');
    // Several openers, and one without punctuation when a question or a follow-up follows it.
    expect(normaliseChat('hi, morning! which apps fail most', 'en')).toBe('which apps fail most');
    expect(normaliseChat('morning which apps fail most', 'en')).toBe('which apps fail most');
    expect(normaliseChat('ok so what about Lynne?', 'en')).toBe('what about Lynne?');
    expect(normaliseChat('vraagje: en voor Emma?', 'nl')).toBe('en voor Emma?');
    expect(normaliseChat('ok', 'en')).toBe('ok');
  });

  it('drops a closing courtesy, so it is read as no app or name, after a pasted screen too', () => {
    expect(normaliseChat('lars kan niet in Outlook alvast bedankt', 'nl')).toBe('lars kan niet in Outlook');
    expect(normaliseChat('and just Germany? thanks!', 'en')).toBe('and just Germany?');
    expect(normaliseChat('failed logins for megan pls', 'en')).toBe('failed logins for megan');
    expect(normaliseChat('ik krijg AADSTS50058 als ik Teams open, dank je wel', 'nl')).toBe(
      'ik krijg AADSTS50058 als ik Teams open',
    );
    // Only at the end: "thanks" inside a sentence stays.
    expect(normaliseChat('thanks to the outage nobody can log in', 'en')).toBe(
      'thanks to the outage nobody can log in',
    );
  });

  it('leaves ids, addresses and a pasted error screen alone', () => {
    const screen = "pls check Sorry, but we're having trouble signing you in. AADSTS50126: pls u rn Request Id: 1a2b";
    expect(normaliseChat(screen, 'en')).toBe(
      "please check Sorry, but we're having trouble signing you in. AADSTS50126: pls u rn Request Id: 1a2b",
    );
    expect(normaliseChat('req from u@contoso.com about 5b0c7e19-d2a4-4f63-8e1b-94a7c0f25d38', 'en')).toBe(
      'request from u@contoso.com about 5b0c7e19-d2a4-4f63-8e1b-94a7c0f25d38',
    );
  });
});

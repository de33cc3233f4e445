import { signInFacts, turnErrorCard } from '../../src/cards/render';
import { cardToText, executeActions } from '../../src/cards/text';
import { plural, wording } from '../../src/cards/wording';
import { signIn, LISBON, minutesAfter } from '../fixtures/signIns';
import {
  countOf,
  everyAnswer,
  everyCard,
  query,
  render,
  story,
  summaryOf,
  typical,
  typicalSummaryCard,
  worstCase,
} from '../fixtures/cards';
import { bytes, cardProblems } from './validateCard';

/** The first TextBlock of a card: what a person reads first. */
function firstText(card: Record<string, unknown>): string {
  return String((card.body as Record<string, unknown>[])[0].text);
}

describe.each(['en', 'nl'] as const)('every card in %s', (language) => {
  it.each(everyCard(language))(
    '%s parses with the Adaptive Cards library without errors or warnings and stays under 28 KB',
    (_name, card) => {
      expect(cardProblems(card.content)).toEqual([]);
      expect(bytes(card.content)).toBeLessThan(28 * 1024);
      expect(card.summary.length).toBeGreaterThan(5);
      expect(JSON.stringify(card.content)).not.toMatch(/\$\{|\$when|\$data/);
    },
  );

  it('has a card for every answer kind', () => {
    const kinds = new Set(everyAnswer().map(([, a]) => a.kind));
    expect([...kinds].sort()).toEqual([
      'ask-privately',
      'before-retention',
      'choose-person',
      'count',
      'explain-code',
      'fix',
      'fix-elsewhere',
      'help',
      'incident',
      'intrusion',
      'not-found',
      'problem',
      'refused',
      'still-looking',
      'summary',
      'tenant',
      'ticket-failed',
      'ticket-opened',
      'too-long',
      'unknown',
    ]);
  });
});

describe('card size', () => {
  it('keeps a typical answer (50 failures of one person) at or under 8 KB', () => {
    expect(bytes(typicalSummaryCard('en').content)).toBeLessThanOrEqual(8 * 1024);
    expect(bytes(typicalSummaryCard('nl').content)).toBeLessThanOrEqual(8 * 1024);
  });
});

describe('summary card', () => {
  const card = render(summaryOf(story), 'en');
  const text = cardToText(card.content);

  it('leads with the verdict: the lockout, how many wrong passwords, from where, and that the country is unusual', () => {
    expect(firstText(card.content)).toMatch(
      /^Megan's account was locked at Thu 26 Nov, 09:58: 3 wrong passwords from Lisbon \(Portugal\), a country Megan has not signed in from this period\.$/,
    );
  });

  it('says what to do now, chosen from the finding (password guessing from abroad)', () => {
    expect(text).toMatch(
      /What to do now\n1\. Call Megan and confirm the attempts from Lisbon \(Portugal\) were not theirs/,
    );
    expect(text).toContain('Revoke sessions');
  });

  it('offers the ticket for the headline failure on the answer itself, with a comment box', () => {
    const [ticket] = executeActions(card.content).filter((a) => a.verb === 'openTicket');
    expect(ticket.data.signInId).toBe(story[1].id);
    expect(ticket.data.commentId).toBe('comment');
    expect(text).toContain('[input: Anything to add for the helpdesk? (optional)]');
  });

  it('lists attempts compactly and offers details through one button that refreshes the card', () => {
    expect(executeActions(card.content).filter((a) => a.verb === 'details')).toHaveLength(1);
    expect(text).not.toContain('Request ID');
    const open = render(summaryOf(story, { detailsOf: story[1].id! }), 'en');
    const openText = cardToText(open.content);
    expect(openText).toContain(`Request ID: ${story[1].id}`);
    expect(openText).toContain('Details of the attempt at Thu 26 Nov, 09:58');
  });

  it('shows five attempts and a "show more" that goes on after them, with the plural right', () => {
    const typicalCard = typicalSummaryCard('en');
    const more = executeActions(typicalCard.content).find((a) => a.verb === 'showMore');
    expect(more?.data).toMatchObject({ offset: 5, userId: query().userId });
    expect(cardToText(typicalCard.content)).toContain('45 more attempts are not listed.');
    const six = render(summaryOf(typical.slice(0, 6)), 'en');
    expect(cardToText(six.content)).toContain('1 more attempt is not listed.');
    expect(cardToText(render(summaryOf(typical.slice(0, 6)), 'nl').content)).toContain(
      'Nog 1 poging staat niet in de lijst.',
    );
  });

  it('keeps Graph text from acting as template or markdown syntax', () => {
    const json = JSON.stringify(render(summaryOf(worstCase, { detailsOf: worstCase[0].id! }), 'en').content);
    expect(json).not.toContain('${template}');
  });

  it('words the same finding for the person themselves: "If that wasn\'t you…"', () => {
    const self = render(summaryOf(story, { subject: { kind: 'self' } }), 'en', 'user');
    expect(firstText(self.content)).toMatch(
      /^Your account was locked at .*: 3 wrong passwords from Lisbon \(Portugal\), a country you have not signed in from this period\.$/,
    );
    expect(cardToText(self.content)).toMatch(/1\. If that wasn't you, reset your password now/);
    // The step names the page its button opens.
    expect(cardToText(self.content)).toMatch(/1\. .*\(https:\/\/aka\.ms\/sspr\)[\s\S]*\] → https:\/\/aka\.ms\/sspr/);
  });

  it("draws the self-service pages the answer chose as links in the person's language, beside the ticket buttons", () => {
    const answer = summaryOf(story, { subject: { kind: 'self' } });
    expect(answer.verdict.selfService?.map((l) => l.id)).toEqual(['notMe']);
    for (const language of ['en', 'nl'] as const) {
      const card = render(answer, language, 'user').content;
      const links =
        JSON.stringify(card).match(/"type":"Action.OpenUrl","title":"[^"]+","url":"https:\/\/aka.ms\/sspr"/g) ?? [];
      expect(links).toEqual([
        `"type":"Action.OpenUrl","title":"${wording(language).selfService.notMe}","url":"https://aka.ms/sspr"`,
      ]);
      const tickets = executeActions(card).filter((a) => a.verb === 'openTicket');
      expect(tickets.map((a) => a.data.notMe === true)).toEqual([true, false]);
    }
    expect(wording('nl').selfService.notMe).not.toBe(wording('en').selfService.notMe);
    // The same lockout asked about by the helpdesk: no self-service link, one ordinary ticket button.
    const helpdesk = render(summaryOf(story), 'en').content;
    expect(JSON.stringify(helpdesk)).not.toContain('aka.ms/sspr');
    expect(
      executeActions(helpdesk)
        .filter((a) => a.verb === 'openTicket')
        .map((a) => a.data.notMe),
    ).toEqual([undefined]);
  });

  it('words every self-service button in English and in Dutch', () => {
    for (const id of ['passwordReset', 'securityInfo', 'companyPortal', 'notMe'] as const) {
      expect(wording('en').selfService[id]).toBeTruthy();
      expect(wording('nl').selfService[id]).toBeTruthy();
      expect(wording('nl').selfService[id]).not.toBe(wording('en').selfService[id]);
    }
  });

  it('names the policy and the country of a Conditional Access block abroad, and asks to confirm travel', () => {
    const blocked = signIn('2026-11-26T09:00:00Z', 53003, {
      ...LISBON,
      appDisplayName: 'Salesforce',
      appliedConditionalAccessPolicies: [
        {
          id: 'p',
          displayName: 'Block outside allowed countries',
          enforcedGrantControls: ['Block'],
          enforcedSessionControls: [],
          result: 'failure',
        },
      ],
    });
    const home = signIn('2026-11-26T07:00:00Z', 0);
    const c = render(summaryOf([blocked, home]), 'en');
    expect(firstText(c.content)).toBe(
      'Megan\'s sign-in to Salesforce was blocked by the Conditional Access policy "Block outside allowed countries": it came from Lisbon (Portugal).',
    );
    expect(cardToText(c.content)).toContain('1. Confirm with Megan that they are travelling in Portugal.');
    const nl = render(summaryOf([blocked, home]), 'nl');
    expect(cardToText(nl.content)).toContain('Wat je nu kunt doen\n1. Vraag Megan of ze op reis zijn in Portugal.');
  });

  it('treats MFA fatigue as a known password: reset and check MFA methods', () => {
    const burst = Array.from({ length: 6 }, (_, i) => signIn(minutesAfter('2026-11-26T09:00:00Z', i), 500121, LISBON));
    const c = cardToText(render(summaryOf(burst), 'en').content);
    expect(c).toMatch(/^Likely MFA fatigue: 6 MFA requests to Megan Bowen/);
    expect(c).toMatch(/1\. The password is probably known to someone else: reset it now/);
    expect(c).toMatch(/2\. Check Megan's MFA methods/);
  });

  it('says where to change an expired password', () => {
    const c = cardToText(
      render(summaryOf([signIn('2026-11-26T09:00:00Z', 50055)], { subject: { kind: 'self' } }), 'en', 'user').content,
    );
    expect(c).toMatch(/^Your password has expired \(1 failed sign-in attempt since .*\)\./);
    // Where: the page of the button beside the step, not another one.
    expect(c).toMatch(/1\. .*https:\/\/aka\.ms\/sspr[\s\S]*\] → https:\/\/aka\.ms\/sspr/);
    expect(c).not.toContain('https://myaccount.microsoft.com');
  });

  it('restates every filter of an empty answer: person, app, code and window', () => {
    const empty = render(
      summaryOf([], {
        subject: { kind: 'tenant' },
        query: query({ userId: null, app: 'Salesforce', errorCode: 50126 }),
      }),
      'en',
    );
    expect(firstText(empty.content)).toBe(
      'No failed sign-ins for anyone in Salesforce with error 50126 between Thu 19 Nov, 11:00 and Thu 26 Nov, 11:00.',
    );
    expect(executeActions(empty.content).filter((a) => a.verb === 'openTicket')).toEqual([]);
  });

  it('gives a request-id lookup its own title', () => {
    const id = '11111111-2222-3333-4444-555555555555';
    const c = render(summaryOf(story, { query: query({ correlationId: id }) }), 'en');
    expect(cardToText(c.content)).toContain(`Sign-in with correlation ID ${id}`);
  });

  it('answers "is there an outage?" yes or no first', () => {
    const no = render(
      summaryOf(story, { subject: { kind: 'tenant' }, query: query({ userId: null, yesNo: true }) }),
      'en',
    );
    expect(firstText(no.content)).toMatch(/^No: no tenant-wide sign-in problem between /);
    const many = ['a', 'b', 'c'].map((u, i) =>
      signIn(minutesAfter('2026-11-26T09:00:00Z', i), 65001, {
        user: { id: u, name: `Person ${u}`, upn: `${u}@contoso.com` },
        appDisplayName: 'Contoso Expenses',
      }),
    );
    const yes = render(
      summaryOf(many, { subject: { kind: 'tenant' }, query: query({ userId: null, yesNo: true }) }),
      'en',
    );
    expect(firstText(yes.content)).toMatch(/^Yes: Contoso Expenses is failing for 3 people with error 65001/);
  });

  it('keeps the investigation when a ticket is opened, and shows the comment back', () => {
    const ticket = {
      reference: 'SIT-1',
      where: 'helpdesk@contoso.com',
      duplicate: false,
      comment: 'It was me, on holiday.',
    };
    const c = render({ kind: 'ticket-opened', ticket, record: story[1], summary: summaryOf(story) }, 'en');
    const t = cardToText(c.content);
    expect(firstText(c.content)).toMatch(/^Megan's account was locked/);
    expect(t).toContain('Ticket SIT-1 opened; it went to helpdesk@contoso.com.');
    expect(t).toContain('Your comment: "It was me, on holiday."');
    expect(executeActions(c.content).filter((a) => a.verb === 'openTicket')).toEqual([]);
  });
});

describe('count card', () => {
  it("puts the number first, not a person's name", () => {
    const c = render(countOf(typical), 'en');
    expect(firstText(c.content)).toMatch(/^50 sign-ins: 0 succeeded, 50 failed \(1 person\)\.$/);
    expect(firstText(render(countOf(typical.slice(0, 1)), 'nl').content)).toMatch(
      /^1 aanmelding: 0 gelukt, 1 mislukt \(1 persoon\)\.$/,
    );
  });
});

describe('plurals', () => {
  it.each([
    ['en', 1, '1 failed sign-in attempt'],
    ['en', 2, '2 failed sign-in attempts'],
    ['en', 0, '0 failed sign-in attempts'],
    ['nl', 1, '1 mislukte aanmeldpoging'],
    ['nl', 2, '2 mislukte aanmeldpogingen'],
  ] as const)('%s %p → %s', (language, count, expected) => {
    expect(plural(language, wording(language).nFailedAttempts, count)).toBe(expected);
  });
});

describe("messages in the asker's words", () => {
  it('tells an end user about a failed ticket sink without admin detail, in Dutch too', () => {
    const failed = {
      kind: 'ticket-failed' as const,
      reason: 'sink-failed' as const,
      retry: { signInId: 'x', commentId: 'comment', comment: 'hoi' },
    };
    expect(cardToText(render(failed, 'nl', 'user').content)).toContain(
      'Het ticketsysteem van de helpdesk antwoordde niet',
    );
    expect(cardToText(render(failed, 'en', 'helpdesk').content)).toContain("details are in the bot's log");
    expect(executeActions(render(failed, 'en', 'user').content)[0].data).toMatchObject({ comment: 'hoi' });
  });

  it("words an unexpected turn error in the asker's language and for their audience, with no detail", () => {
    expect(cardToText(turnErrorCard('nl', 'user').content)).toBe(
      'Er ging iets mis\nIk kon hier nu geen antwoord op geven. Probeer het zo nog eens.',
    );
    expect(cardToText(turnErrorCard('en', 'helpdesk').content)).toContain("the error is in the bot's log");
  });

  it('names the risk Identity Protection saw, and nothing when there was none', () => {
    const risky = signIn('2026-11-26T09:00:00Z', 50126, {
      riskLevelDuringSignIn: 'high',
      riskEventTypes_v2: ['unfamiliarFeatures', 'anonymizedIPAddress'],
    });
    expect(signInFacts(risky, 'en', 'UTC')).toContainEqual({
      title: 'Risk',
      value: 'high during sign-in: unfamiliarFeatures, anonymizedIPAddress',
    });
    expect(signInFacts(signIn('2026-11-26T09:00:00Z', 50126), 'en', 'UTC').map((f) => f.title)).not.toContain('Risk');
  });
});

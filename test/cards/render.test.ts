import { diagnose } from '../../src/diagnosis/diagnose';
import { failureSummaryCard, ROWS_PER_CARD, signInFacts } from '../../src/cards/render';
import { signIn } from '../fixtures/signIns';
import { cardToText, executeActions } from '../../src/cards/text';
import { everyCard, typical, typicalSummaryCard, window, worstCase } from '../fixtures/cards';
import { bytes, cardProblems } from './validateCard';

describe.each(['en', 'nl'] as const)('every card in %s', (language) => {
  it.each(everyCard(language))('%s parses with the Adaptive Cards library without errors or warnings and stays under 28 KB', (_name, card) => {
    expect(cardProblems(card.content)).toEqual([]);
    expect(bytes(card.content)).toBeLessThan(28 * 1024);
    expect(card.summary.length).toBeGreaterThan(5);
    expect(JSON.stringify(card.content)).not.toMatch(/\$\{|\$when|\$data/);
  });
});

describe('failure summary card', () => {
  const card = typicalSummaryCard('en');
  const text = cardToText(card.content);

  it('sums the window up: failures per code with first and last time, apps, countries, devices', () => {
    expect(text).toMatch(/^50126 × 13: Wrong username or password · .* – .*$/m);
    expect(text).toContain('Countries: PT');
    expect(text).toMatch(/^Apps: Office 365 Exchange Online$/m);
    expect(text).toMatch(/^Devices: Windows10 \/ Edge 131\.0\.0$/m);
  });

  it('names the risk Identity Protection saw, and nothing when there was none', () => {
    const risky = signIn('2026-11-26T09:00:00Z', 50126, { riskLevelDuringSignIn: 'high', riskEventTypes_v2: ['unfamiliarFeatures', 'anonymizedIPAddress'] });
    expect(signInFacts(risky, 'en', 'UTC')).toContainEqual({ title: 'Risk', value: 'high during sign-in: unfamiliarFeatures, anonymizedIPAddress' });
    expect(signInFacts(signIn('2026-11-26T09:00:00Z', 50126), 'en', 'UTC').map((f) => f.title)).not.toContain('Risk');
  });

  it('shows the newest 10 attempts, then offers "show more"', () => {
    const tickets = executeActions(card.content).filter((a) => a.verb === 'openTicket');
    expect(tickets).toHaveLength(ROWS_PER_CARD);
    expect(tickets[0].data.signInId).toBe(typical[0].id);
    expect(executeActions(card.content).find((a) => a.verb === 'showMore')?.data).toEqual({ offset: 10 });
    expect(text).toContain('40 more failed attempts are not shown.');
  });

  it('puts only ids in the ticket action data', () => {
    const [first] = executeActions(card.content).filter((a) => a.verb === 'openTicket');
    expect(Object.keys(first.data).sort()).toEqual(['commentId', 'signInId', 'userId']);
  });

  it('shows local time with the zone named, UTC, request and correlation ids, IP, location, device and the failing policy', () => {
    expect(text).toContain('Time: Thu 26 Nov, 04:00 America/New_York (2026-11-26 09:00:00 UTC)');
    expect(text).toContain(`Request ID: ${typical[0].id}`);
    expect(text).toContain(`Correlation ID: ${typical[0].correlationId}`);
    expect(text).toContain('IP address: 203.0.113.24');
    expect(text).toContain('Location: Lisbon, Lisboa, PT');
    expect(text).toMatch(/Conditional Access: Conditional Access policy number 0 .*: blocks access/);
  });

  it('keeps Graph text from acting as template or markdown syntax', () => {
    const worst = diagnose(worstCase, { language: 'en', audience: 'helpdesk', timeZone: 'UTC', subjectName: 'Megan Bowen', tenantWide: false, window, retentionDays: 30 });
    const json = JSON.stringify(failureSummaryCard({ diagnosis: worst, language: 'en', audience: 'helpdesk', timeZone: 'UTC', subjectName: 'Megan Bowen', tenantWide: false, window, defaultWindowDays: 7 }).content);
    expect(json).not.toContain('${template}');
    expect(json).toContain('\\\\[markdown\\\\]');
  });

  it('shows fewer rows when texts are unusually long, and "show more" continues where it stopped', () => {
    const worst = diagnose(worstCase, { language: 'en', audience: 'helpdesk', timeZone: 'UTC', subjectName: 'Megan Bowen', tenantWide: false, window, retentionDays: 30 });
    const big = failureSummaryCard({ diagnosis: worst, language: 'en', audience: 'helpdesk', timeZone: 'UTC', subjectName: 'Megan Bowen', tenantWide: false, window, defaultWindowDays: 7 }).content;
    const shown = executeActions(big).filter((a) => a.verb === 'openTicket').length;
    expect(shown).toBeGreaterThanOrEqual(5);
    expect(shown).toBeLessThanOrEqual(ROWS_PER_CARD);
    expect(executeActions(big).find((a) => a.verb === 'showMore')?.data).toEqual({ offset: shown });
  });
});

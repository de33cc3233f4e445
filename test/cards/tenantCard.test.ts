/** The tenant-wide card's headline agrees in number with the people it counts, in both languages. */
import { cardToText } from '../../src/cards/text';
import { wording } from '../../src/cards/wording';
import { manyPeople, openIncident, render, tenantOf } from '../fixtures/cards';

const personTen = '00000000-0000-0000-0000-000000000010';
const onePerson = manyPeople.filter((r) => r.userId === personTen);

describe.each(['en', 'nl'] as const)('in %s', (language) => {
  const w = wording(language).tenant;
  const lines = (incidents = [openIncident]) =>
    cardToText(render(tenantOf(onePerson, 'people', incidents), language).content).split('\n');

  test('one person who failed is counted as one (singular verb), and so is one person in an incident', () => {
    expect(onePerson.length).toBeGreaterThan(0);
    const [headline, incidentLine] = lines();
    expect(headline.startsWith(w.whoFailed.one.split('(')[0])).toBe(true);
    expect(incidentLine.startsWith(w.whoFailedIncident.one.split(':')[0])).toBe(true);
  });

  test('many people take the plural form', () => {
    const headline = cardToText(render(tenantOf(manyPeople, 'people'), language).content).split('\n')[0];
    expect(headline.startsWith(w.whoFailed.other.split('{count}')[0])).toBe(true);
    expect(headline).toContain(w.whoFailed.other.split('{count}')[1].split('(')[0]);
  });
});

describe.each(['en', 'nl'] as const)('who got locked out in a past window, in %s', (language) => {
  test('says the people were locked out and names them, not that they could not sign in', () => {
    const w = wording(language).tenant;
    const lockouts = manyPeople.filter((r) => r.status?.errorCode === 50053);
    expect(lockouts.length).toBeGreaterThan(1);
    const names = [...new Set(lockouts.map((r) => r.userDisplayName))];
    const answer = tenantOf(lockouts, 'people', [], { category: 'lockout' });
    const headline = cardToText(render(answer, language).content).split('\n')[0];
    expect(names).toHaveLength(1);
    expect(headline.startsWith(w.whoLockedOut.one.split('(')[0])).toBe(true);
    expect(headline.startsWith(w.whoFailed.one.split('(')[0])).toBe(false);
    expect(headline).toContain(names[0]);
    const text = cardToText(render(answer, language).content);
    expect(text).toContain(w.lockedTitle);
    expect(text).not.toContain(w.peopleTitle);
  });
});

describe.each(['en', 'nl'] as const)('a ranking with an open incident, in %s', (language) => {
  test("counts the incident among everyone who failed, not as 'of them' after the top row's people", () => {
    const w = wording(language).tenant;
    const text = cardToText(render(tenantOf(manyPeople, 'top-countries', [openIncident]), language).content);
    const amongAll = w.rankingIncident.other.split('{count}')[1].split(':')[0];
    const ofThem = w.whoFailedIncident.other.split('{count}')[1].split(':')[0];
    expect(text).toContain(amongAll);
    expect(text).not.toContain(ofThem);
  });
});

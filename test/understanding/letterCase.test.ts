import { isShouted, quieted, withTypedCase } from '../../src/understanding/letterCase';
import { parse } from '../../src/understanding/parse';

const ctx = { now: new Date('2026-11-27T10:00:00Z'), timeZone: 'Europe/Amsterdam', locale: 'en-US' };

describe('a message typed in capitals', () => {
  it('is told from one with a few capitals or a short one', () => {
    expect(isShouted('WHY CANT DEBRA BERGER LOG IN')).toBe(true);
    expect(isShouted('why cant Debra Berger log in to SAP')).toBe(false);
    expect(isShouted('HELP')).toBe(false);
    // A mention keeps its own casing and does not count.
    expect(isShouted('<at>Megan Bowen</at> IS LOCKED OUT AGAIN')).toBe(true);
  });

  it('is read in lower case, mentions left as they are', () => {
    expect(quieted('<at>Megan Bowen</at> IS LOCKED OUT')).toBe('<at>Megan Bowen</at> is locked out');
  });

  it('gives the name, app and country back as typed', () => {
    const q = withTypedCase(
      { ...parse('why cant debra berger log in to outlook from brazil', ctx) },
      'WHY CANT DEBRA BERGER LOG IN TO OUTLOOK FROM BRAZIL',
    );
    expect(q.subject).toEqual({ kind: 'person', text: 'DEBRA BERGER' });
    expect(q.app).toBe('OUTLOOK');
    expect(q.country?.name).toBe('BRAZIL');
  });

  it('does not make everyday words names', () => {
    expect(parse('IS MY PASSWORD STILL VALID?', ctx).subject).toEqual({ kind: 'self' });
    expect(parse('GIVE ME A RANKING OF THE APPS WITH THE MOST FAILURES THIS WEEK', ctx).tenantAsk).toBe('top-apps');
  });
});

import { parse } from '../../src/understanding/parse';

const ctx = { now: new Date('2026-12-01T07:50:00Z'), timeZone: 'Europe/Amsterdam', locale: 'en-US' };
const THIS_MORNING = { from: new Date('2026-12-01T05:00:00Z'), to: new Date('2026-12-01T11:00:00Z') };

describe('background before a question', () => {
  it('does not lend its time or kind of failure to a question about someone it does not name', () => {
    const q = parse(
      'We started the MFA rollout yesterday and the phones keep ringing. Why cant Grady Archie open SharePoint this morning?',
      ctx,
    );
    expect(q.subject).toEqual({ kind: 'person', text: 'Grady Archie' });
    expect({ from: q.from, to: q.to }).toEqual(THIS_MORNING);
    expect(q.category).toBeNull();
    expect(q.app).toBe('SharePoint');
  });

  it('fills what the question leaves open with its facts: an app', () => {
    const q = parse('Workday SSO broke after the cert change. Why cant Grady Archie log in?', ctx);
    expect(q.subject).toEqual({ kind: 'person', text: 'Grady Archie' });
    expect(q.app).toBe('Workday');
  });

  it('counts in full when it names the subject, or when the question points back at it', () => {
    const named = parse('Lynne Robbins says her password expired yesterday. Why cant Lynne Robbins log in?', ctx);
    expect(named.category).toBe('password');
    expect(named.from).not.toBeNull();
    // A given name alone is a mention; a particle of a name ("de") is not.
    expect(parse('Ben called yesterday. Why cant Ben Walters log in?', ctx).from).not.toBeNull();
    const particle = parse('The helpdesk started the MFA rollout. Why cant Johanna de Vries log in this morning?', ctx);
    expect(particle.category).toBeNull();
    const pointing = parse('Megan Bowen called. Why cant she log in today?', ctx);
    expect(pointing.subject).toEqual({ kind: 'person', text: 'Megan Bowen' });
  });
});

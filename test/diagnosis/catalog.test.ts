import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalog, explain, isInterrupt, lookupUrl } from '../../src/diagnosis/catalog';

const tsv = readFileSync(join(__dirname, '../fixtures/aadsts-codes.tsv'), 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#') && !l.startsWith('code\t'))
  .map((l) => l.split('\t'));
const referenceCodes = tsv.map((cols) => Number(cols[0]));
const PLACEHOLDER = /\b(TODO|TBD|lorem|placeholder|FIXME|xxx)\b|\{(?!id\})\w+\}/i;

/** Texts that may honestly be the same for several codes. */
const ALLOWED_SHARED = new Set<string>([
  'Wait a few minutes and try again.',
  'Wacht een paar minuten en probeer het opnieuw.',
]);

describe('error catalog', () => {
  const entries = [...catalog().values()];

  it('has every code of the reference list exactly once', () => {
    expect(referenceCodes.filter((c) => c !== 0).length).toBe(367);
    const missing = referenceCodes.filter((c) => !catalog().has(c));
    expect(missing).toEqual([]);
    expect(entries.length).toBe(new Set(entries.map((e) => e.code)).size);
  });

  it('has a title, an explanation and steps for both audiences in English and Dutch, with no placeholder', () => {
    const problems: string[] = [];
    for (const e of entries) {
      for (const lang of ['en', 'nl'] as const) {
        const t = e.text?.[lang];
        if (!t?.title?.trim() || t.title.length > 70) problems.push(`${e.code} ${lang} title`);
        for (const audience of ['user', 'helpdesk'] as const) {
          const a = t?.[audience];
          if (!a?.explanation?.trim() || a.explanation.length < 20)
            problems.push(`${e.code} ${lang} ${audience} explanation`);
          if (!a?.steps?.length || a.steps.some((s) => !s.trim() || s.length < 8))
            problems.push(`${e.code} ${lang} ${audience} steps`);
          for (const text of [t?.title, a?.explanation, ...(a?.steps ?? [])])
            if (text && PLACEHOLDER.test(text)) problems.push(`${e.code} ${lang} ${audience} placeholder: ${text}`);
        }
      }
      if (!['none', 'user', 'helpdesk', 'admin', 'developer'].includes(e.whoFixes)) problems.push(`${e.code} whoFixes`);
      if (typeof e.interrupt !== 'boolean') problems.push(`${e.code} interrupt`);
      if (!e.category) problems.push(`${e.code} category`);
    }
    expect(problems).toEqual([]);
  });

  it('shares no explanation or step word for word between codes', () => {
    const seen = new Map<string, number>();
    const shared: string[] = [];
    for (const e of entries) {
      for (const lang of ['en', 'nl'] as const) {
        for (const audience of ['user', 'helpdesk'] as const) {
          const a = e.text[lang][audience];
          for (const text of [a.explanation, ...a.steps]) {
            const key = text.trim().toLowerCase();
            const other = seen.get(key);
            if (other !== undefined && other !== e.code && !ALLOWED_SHARED.has(text))
              shared.push(`${other} & ${e.code}: ${text}`);
            seen.set(key, e.code);
          }
        }
      }
    }
    expect(shared).toEqual([]);
  });

  it('gives the most common failures specific, actionable steps', () => {
    const expectations: [number, RegExp][] = [
      [50126, /aka\.ms\/sspr|password/i],
      [50053, /lock/i],
      [50076, /mfa|verif|authenticat/i],
      [53000, /Company Portal|complian/i],
      [53003, /Conditional Access/i],
      [500121, /aka\.ms\/mysecurityinfo|Authenticator|MFA/i],
      [65001, /consent/i],
      [700016, /app|application/i],
    ];
    for (const [code, pattern] of expectations) {
      const user = explain(code, 'en', 'user');
      const helpdesk = explain(code, 'en', 'helpdesk');
      expect(user.known).toBe(true);
      expect(user.steps.length).toBeGreaterThanOrEqual(2);
      expect([user.explanation, ...user.steps, helpdesk.explanation, ...helpdesk.steps].join(' ')).toMatch(pattern);
    }
  });

  it('marks the documented interrupts as interrupts and real failures as failures', () => {
    for (const code of [50058, 50140, 50125, 50074, 50076, 50072, 50079, 50097, 50158, 50199])
      expect(isInterrupt(code)).toBe(true);
    for (const code of [50126, 50053, 53003, 500121, 50057]) expect(isInterrupt(code)).toBe(false);
  });

  it("still explains an unknown code with Graph's reason and the lookup link", () => {
    const e = explain(4242424, 'nl', 'helpdesk', 'Something odd happened');
    expect(e.known).toBe(false);
    expect(e.explanation).toContain('Something odd happened');
    expect(e.lookupUrl).toBe(lookupUrl(4242424));
    expect(e.lookupUrl).toBe('https://login.microsoftonline.com/error?code=4242424');
  });
});

import { MAX_CHARACTERS, cleanText } from '../../src/understanding/clean';

describe('cleanText', () => {
  it('turns Teams HTML into plain text and keeps mention tags', () => {
    expect(
      cleanText('<p><at>Sign-in Troubleshooter</at>&nbsp;why was <at id="1">Megan Bowen</at> <b>blocked</b>?</p>'),
    ).toEqual({
      ok: true,
      text: '<at>Sign-in Troubleshooter</at> why was <at>Megan Bowen</at> blocked?',
    });
  });

  it('decodes entities, straightens quotes and drops invisible characters', () => {
    expect(cleanText('why can&#39;t Sea\u0301n O’Bri\u200ben sign&amp;in?')).toEqual({
      ok: true,
      text: "why can't Seán O'Brien sign&in?",
    });
  });

  it('collapses white space and line breaks', () => {
    expect(cleanText('  why\n\tdid<br>bob   fail  ')).toEqual({ ok: true, text: 'why did bob fail' });
  });

  it('refuses empty text (a card submit) and text over the limit', () => {
    expect(cleanText('')).toEqual({ ok: false, reason: 'empty' });
    expect(cleanText(undefined)).toEqual({ ok: false, reason: 'empty' });
    expect(cleanText('<p>&nbsp;</p>')).toEqual({ ok: false, reason: 'empty' });
    expect(cleanText('a'.repeat(MAX_CHARACTERS + 1))).toEqual({ ok: false, reason: 'too-long' });
    expect(cleanText('x'.repeat(1_000_000))).toEqual({ ok: false, reason: 'too-long' });
  });

  it('counts characters, not UTF-16 units, and not markup', () => {
    expect(cleanText('😀'.repeat(MAX_CHARACTERS)).ok).toBe(true);
    expect(cleanText(`<p>${'a'.repeat(MAX_CHARACTERS)}</p>`).ok).toBe(true);
  });

  it('is stable when run twice', () => {
    const once = cleanText('<p>why was <at>Megan</at> blocked?</p>');
    expect(once.ok && cleanText(once.text)).toEqual(once);
  });
});

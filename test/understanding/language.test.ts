import { detectLanguage } from '../../src/understanding/language';

describe('detectLanguage', () => {
  it('follows the locale', () => {
    expect(detectLanguage('why did bob fail', 'en-US')).toBe('en');
    expect(detectLanguage('waarom kon bob niet inloggen', 'nl-NL')).toBe('nl');
    expect(detectLanguage('bob', 'nl-BE')).toBe('nl');
  });

  it('lets clearly Dutch words beat an English locale, and the other way round', () => {
    expect(detectLanguage('waarom kon alice zich gisteren niet aanmelden?', 'en-US')).toBe('nl');
    expect(detectLanguage('en gisteren?', 'en-GB')).toBe('nl');
    expect(detectLanguage("why can't bob sign in", 'nl-NL')).toBe('en');
  });

  it('keeps the locale when the words are few or mixed', () => {
    expect(detectLanguage('alice?', 'nl-NL')).toBe('nl');
    expect(detectLanguage('outlook mfa', 'en-US')).toBe('en');
  });

  it('guesses from the words without a usable locale, else falls back', () => {
    expect(detectLanguage('wie kon vandaag niet aanmelden', undefined)).toBe('nl');
    expect(detectLanguage('who failed today', 'de-DE')).toBe('en');
    expect(detectLanguage('megan', undefined)).toBe('en');
    expect(detectLanguage('megan', undefined, 'nl')).toBe('nl');
  });
});

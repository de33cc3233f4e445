/**
 * Input hygiene for a Teams message: Teams HTML (`<p>`, `<br>`, `&nbsp;`, …) to plain text,
 * typographic quotes to plain ones, invisible characters dropped, white space collapsed.
 * `<at>Name</at>` mention tags are kept (normalised to exactly that form) because the parser
 * needs them to find the mentioned person.
 */

export const MAX_CHARACTERS = 2000;

export type CleanResult = { ok: true; text: string } | { ok: false; reason: 'too-long' | 'empty' };

/** Beyond this many raw characters the markup cannot shrink the text under the limit: refuse early. */
const MAX_RAW_CHARACTERS = MAX_CHARACTERS * 20;

const NAMED_ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  rsquo: "'",
  lsquo: "'",
  rdquo: '"',
  ldquo: '"',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  euro: '€',
  eacute: 'é',
  euml: 'ë',
  iuml: 'ï',
  ouml: 'ö',
  uuml: 'ü',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

function stripMarkup(html: string): string {
  return html
    .replace(/<at\b[^>]*>([\s\S]*?)<\/at>/gi, (_, name: string) => `\u0002${name.replace(/<[^>]*>/g, '')}\u0003`)
    .replace(/<(br|\/p|p|\/div|div|\/li|li)\b[^>]*>/gi, ' ')
    .replace(/<\/?[a-z][^>]*>/gi, '');
}

/* eslint-disable no-control-regex -- removing control characters and reading Teams' mention markers (\u0002…\u0003) is what this does */
export function cleanText(text: string | null | undefined): CleanResult {
  if (text == null) return { ok: false, reason: 'empty' };
  if (text.length > MAX_RAW_CHARACTERS) return { ok: false, reason: 'too-long' };
  const plain = decodeEntities(stripMarkup(String(text).replace(/[\u0002\u0003]/g, ' ')))
    .normalize('NFC')
    .replace(/[‘’ʼ`´]/g, "'")
    .replace(/[“”„«»]/g, '"')
    .replace(/[\u200b-\u200f\u2060-\u2064\ufeff\u00ad]/g, '') // zero-width characters and soft hyphens
    // control characters, except the mention markers \u0002 and \u0003
    .replace(/[\u0000\u0001\u0004-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\u0002\s*([^\u0003]*?)\s*\u0003/g, (_, name: string) => `<at>${name}</at>`);
  /* eslint-enable no-control-regex */
  if (plain === '') return { ok: false, reason: 'empty' };
  if ([...plain].length > MAX_CHARACTERS) return { ok: false, reason: 'too-long' };
  return { ok: true, text: plain };
}

/** Showing instants to people: in their zone, in their language, with the zone named. */
import type { Language } from './types';

const LOCALE: Record<Language, string> = { en: 'en-GB', nl: 'nl-NL' };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: Language, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE[language], { timeZone, ...options });
    if (formatters.size > 2_000) formatters.clear();
    formatters.set(key, f);
  }
  return f;
}

/** "Thu 26 Nov, 09:12" in the asker's zone. */
export function localDateTime(at: Date, timeZone: string, language: Language): string {
  return formatter(language, timeZone, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

/** "09:12" in the asker's zone. */
export function localTime(at: Date, timeZone: string, language: Language): string {
  return formatter(language, timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

/** "2026-11-26 08:12:05 UTC" */
export function utcStamp(at: Date): string {
  return at
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, ' UTC');
}

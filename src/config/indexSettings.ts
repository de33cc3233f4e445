/** The live sign-in index's settings (issue 20: its span grows back to 7 days while memory allows): part of SETTINGS (settings.ts). */
import { z } from 'zod';
import type { SettingsTable } from './environment';
import { positiveInt } from './values';

/** A whole number of hours (0: off), or `auto`. */
const indexHours = z
  .string()
  .regex(/^(auto|\d+)$/, 'must be auto or a whole number of hours (0: off)')
  .transform((v) => (v === 'auto' ? ('auto' as const) : Number(v)));

export const INDEX_SETTINGS = {
  SIGNIN_INDEX_HOURS: {
    description:
      'Hours of the sign-in log kept in memory and polled, so that questions about them need no Graph read (0: off). auto (the default): the newest 24 h first, then back day by day in the background to 7 days (168 h) while the index stays under SIGNIN_INDEX_MAX_MB; a whole number keeps exactly that span.',
    secret: false,
    default: 'auto',
    schema: indexHours,
  },
  SIGNIN_INDEX_MAX_MB: {
    description:
      "With SIGNIN_INDEX_HOURS=auto: the index's memory (its own measure) under which it keeps extending back beyond its first 24 h, and over which it lets the oldest days go. It holds about 145 bytes a sign-in (bench/results.md §8), so the default 512 keeps 7 days of a tenant logging up to about 500,000 sign-ins a day; a larger tenant ends at fewer days (at least 24 h).",
    secret: false,
    default: '512',
    schema: positiveInt,
  },
} satisfies SettingsTable;

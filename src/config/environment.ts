/**
 * Environment variables → one zod object, and its problems → one line each. A table of settings (the
 * product's in settings.ts, the demo's in src/demo/settings.ts) becomes a schema whose fields are the
 * settings: a value is trimmed, an empty one is unset, and an unset one takes its default (parsed like
 * any value) or stays undefined.
 */
import { z } from 'zod';

export interface SettingSpec {
  name: string;
  description: string;
  secret: boolean;
  /** Shown in docs and used when the variable is unset. */
  default?: string;
  /** Only meaningful outside demo mode (bot identity, Graph credentials). */
  production?: boolean;
  schema: z.ZodType<unknown, string>;
}

export type SettingsTable = Record<string, Omit<SettingSpec, 'name'>>;

/** A setting's parsed value: its schema's output, `undefined` only when it has no default. */
type ValueOf<S extends Omit<SettingSpec, 'name'>> = S extends { default: string }
  ? z.output<S['schema']>
  : z.output<S['schema']> | undefined;

export type SettingValues<T extends SettingsTable> = { [K in keyof T]: ValueOf<T[K]> };

const unsetWhenEmpty = (raw: unknown) => (typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : undefined);

/** The zod object over the environment whose fields are the table's settings. */
export function environmentSchema<T extends SettingsTable>(table: T) {
  const shape = Object.fromEntries(
    Object.entries(table).map(([name, spec]) => [
      name,
      z.preprocess(
        unsetWhenEmpty,
        spec.default === undefined ? spec.schema.optional() : spec.schema.prefault(spec.default),
      ),
    ]),
  );
  return z.object(shape) as unknown as z.ZodType<SettingValues<T>, Record<string, string | undefined>>;
}

/** The table as a list, each entry with its name (docs, the deployment templates' tests). */
export function settingsList(table: SettingsTable): SettingSpec[] {
  return Object.entries(table).map(([name, spec]) => ({ name, ...spec }));
}

/**
 * A problem with how settings combine (not with one value): reported as `label: message`, where the
 * label names the setting or settings to change ("TICKET_WEBHOOK_URL", "STATE_STORE=blob").
 */
export function combinationProblem(ctx: z.RefinementCtx, label: string, message: string): void {
  ctx.addIssue({ code: 'custom', path: [label], message, params: { combination: true } });
}

/**
 * One line per problem: the setting, what is wrong and what is expected, and the value given (never a
 * secret's). A setting that failed to parse is not also reported as missing.
 */
export function settingProblems(error: z.ZodError, table: SettingsTable, env: Record<string, string | undefined>) {
  const lines: string[] = [];
  const failed = new Set<string>();
  for (const issue of error.issues) {
    const label = String(issue.path[0] ?? 'configuration');
    const combination = issue.code === 'custom' && issue.params?.combination === true;
    if (combination) {
      if (failed.has(label)) continue;
      lines.push(`${label}: ${issue.message}`);
      continue;
    }
    if (failed.has(label)) continue;
    failed.add(label);
    const raw = unsetWhenEmpty(env[label]) ?? table[label]?.default;
    const shown = table[label]?.secret || raw === undefined ? '' : ` (got "${raw}")`;
    lines.push(`${label}: ${issue.message}${shown}`);
  }
  return lines;
}

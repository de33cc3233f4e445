/** The one way thresholds get a tenant's overrides (PATTERN_THRESHOLDS): diagnosis and incidents alike. */

/** The defaults with the overrides laid over them: objects merged one level deep, other values replaced. Never changes `defaults`. */
export function withOverrides<T>(defaults: T, overrides: Record<string, unknown> = {}): T {
  const merged = JSON.parse(JSON.stringify(defaults)) as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides)) {
    const base = merged[key];
    merged[key] = base && typeof base === 'object' && !Array.isArray(base) ? { ...base, ...(value as object) } : value;
  }
  return merged as T;
}

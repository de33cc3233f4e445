/**
 * The one place where values enter an OData `$filter`. Strings are quoted with single quotes
 * doubled; numbers and dates are validated, so nothing a person types can change a query's shape.
 */

export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function odataDate(value: Date): string {
  if (Number.isNaN(value.getTime())) throw new RangeError('Invalid date in an OData filter.');
  return value.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function odataInteger(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`Not an integer: ${value}`);
  return String(value);
}

export const and = (...terms: (string | null | undefined | false)[]): string => terms.filter(Boolean).join(' and ');

/**
 * The Graph client puts a `$filter` into the URL as it is: characters that mean something in a URL
 * (`&`, `#`, `%`, `+`) would end or change it. Every filter goes through here on its way out.
 */
export function encodeFilter(filter: string): string {
  return encodeURIComponent(filter);
}

/**
 * What the demo tenant shares with Microsoft Graph's wire protocol: a request and response without a
 * transport, Graph's error shape, and the OData query options ($select, $top, $skiptoken) it honours.
 */

export interface GraphRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface GraphResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** How long Graph would take to give this answer (the tenant's timing; 0 or absent: at once). */
  delayMs?: number;
}

/** A Graph error answer: status, Graph's error code, message and extra headers (Retry-After). */
export class GraphHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * The request's properties named in $select (and the @odata.type, which Graph always keeps). With
 * `type`, a name the type does not have is Graph's 400 "Could not find a property" (names in any case).
 */
export function select(
  item: object,
  selectParam: string | null,
  type?: { name: string; properties: ReadonlySet<string> },
): Record<string, unknown> {
  const source = item as Record<string, unknown>;
  if (!selectParam) return source;
  const known = type ? new Map([...type.properties].map((p) => [p.toLowerCase(), p])) : null;
  const out: Record<string, unknown> = {};
  if ('@odata.type' in source) out['@odata.type'] = source['@odata.type'];
  for (const written of selectParam
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(written))
      throw new GraphHttpError(400, 'BadRequest', `Invalid $select property '${written}'.`);
    const name = known ? known.get(written.toLowerCase()) : written;
    if (name === undefined)
      throw new GraphHttpError(
        400,
        'BadRequest',
        `Could not find a property named '${written}' on type 'microsoft.graph.${type!.name}'.`,
      );
    if (name in source) out[name] = source[name];
  }
  return out;
}

export function pageSize(raw: string | null, fallback: number, max: number): number {
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1)
    throw new GraphHttpError(400, 'BadRequest', `Invalid $top value '${raw}'.`);
  if (Number(raw) > max)
    throw new GraphHttpError(
      400,
      'BadRequest',
      `The limit of '${max}' for $top was exceeded. The value from the incoming request is '${raw}'.`,
    );
  return Number(raw);
}

export function readSkipToken(raw: string | null): number {
  if (raw === null) return 0;
  const decoded = Buffer.from(raw, 'base64url').toString();
  const m = /^offset:(\d+)$/.exec(decoded);
  if (!m) throw new GraphHttpError(400, 'BadRequest', 'The $skiptoken is not valid.');
  return Number(m[1]);
}

export function rejectUnsupported(query: URLSearchParams, allowed: string[]): void {
  for (const key of query.keys()) {
    if (!allowed.includes(key))
      throw new GraphHttpError(400, 'BadRequest', `Query option '${key}' is not supported on this resource.`);
  }
}

export function parseBody(body: string | undefined): unknown {
  try {
    return JSON.parse(body ?? '');
  } catch {
    throw new GraphHttpError(400, 'BadRequest', 'The request body is not valid JSON.');
  }
}

export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new GraphHttpError(400, 'BadRequest', 'The request URL is not well formed.');
  }
}

export function headerOf(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

export function baseHeaders(requestId: string): Record<string, string> {
  return { 'request-id': requestId, 'client-request-id': requestId, date: new Date().toUTCString() };
}

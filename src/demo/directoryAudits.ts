/**
 * The demo tenant's directory audit log (GET /auditLogs/directoryAudits): who changed whom and when,
 * as Microsoft Entra logs it — the "Disable account" that left two people locked out before the
 * log's window, and every fix done through Graph since.
 *
 * - Shape: api-reference/v1.0/resources/directoryaudit.md; activity names and categories: entra-docs
 *   docs/identity/monitoring-health/reference-audit-activities.md (Core Directory › UserManagement:
 *   "Disable account", "Enable account", "Update user", "Set force change user password",
 *   "Update StsRefreshTokenValidFrom Timestamp"; Authentication Methods: "Admin registered security info").
 * - `$filter` exactly as the resource page documents: activityDateTime (eq, ge, le), activityDisplayName
 *   (eq, startswith), correlationId, id, loggedByService (eq), initiatedBy/user/id, …/displayName,
 *   …/userPrincipalName (eq; startswith on the UPN), initiatedBy/app/appId, …/displayName (eq), and
 *   targetResources/any(t: t/id eq '…'), t/displayName (eq, startswith). Newest first, `$top` ≤ 999.
 */
import { randomUUID } from 'node:crypto';
import { GraphHttpError, pageSize, readSkipToken, rejectUnsupported } from './graphProtocol';
import { compileFilter, ODataFilterError, type CollectionRules } from './odataFilter';
import type { DemoPerson } from './people';
import { DEMO_BOT_APP_ID } from './delegatedTokens';

export interface AuditEntry {
  id: string;
  category: string;
  correlationId: string;
  result: 'success' | 'failure';
  resultReason: string;
  activityDisplayName: string;
  activityDateTime: string;
  loggedByService: string;
  operationType: string;
  initiatedBy: {
    user: { id: string; displayName: string; userPrincipalName: string; ipAddress: string | null } | null;
    app: { appId: string; displayName: string; servicePrincipalId: string | null } | null;
  };
  targetResources: {
    id: string;
    displayName: string;
    type: string;
    userPrincipalName: string;
    modifiedProperties: { displayName: string; oldValue: string | null; newValue: string | null }[];
  }[];
  additionalDetails: { key: string; value: string }[];
}

export interface AuditEvent {
  activity: string;
  service?: 'Core Directory' | 'Authentication Methods';
  operationType?: string;
  at: Date;
  /** The signed-in person who did it; null for the bot's own app-only token. */
  by: DemoPerson | null;
  target: DemoPerson;
  changed?: { displayName: string; oldValue: string | null; newValue: string | null }[];
  correlationId?: string;
}

const RULES: CollectionRules = {
  properties: {
    id: { type: 'string', ops: ['eq'] },
    activityDateTime: { type: 'datetime', ops: ['eq', 'ge', 'le'] },
    activityDisplayName: { type: 'string', ops: ['eq', 'startswith'] },
    correlationId: { type: 'string', ops: ['eq'] },
    loggedByService: { type: 'string', ops: ['eq'] },
    'initiatedBy/user/id': { type: 'string', ops: ['eq'] },
    'initiatedBy/user/displayName': { type: 'string', ops: ['eq'] },
    'initiatedBy/user/userPrincipalName': { type: 'string', ops: ['eq', 'startswith'] },
    'initiatedBy/app/appId': { type: 'string', ops: ['eq'] },
    'initiatedBy/app/displayName': { type: 'string', ops: ['eq'] },
  },
  allowOr: false,
  knownProperties: new Set([
    'id',
    'activityDateTime',
    'activityDisplayName',
    'additionalDetails',
    'category',
    'correlationId',
    'initiatedBy',
    'loggedByService',
    'operationType',
    'result',
    'resultReason',
    'targetResources',
  ]),
  typeName: 'microsoft.graph.directoryAudit',
};

/** `targetResources/any(t: t/id eq '…')`, `…t/displayName eq '…'` or `…startswith(t/displayName, '…')`. */
const TARGET_CLAUSE =
  /targetResources\/any\(\s*(\w+)\s*:\s*(?:\1\/(id|displayName)\s+eq\s+'((?:[^']|'')*)'|startswith\(\s*\1\/displayName\s*,\s*'((?:[^']|'')*)'\s*\))\s*\)/i;

const MAX_PAGE = 999;

export class DirectoryAuditLog {
  private readonly entries: AuditEntry[] = [];

  record(event: AuditEvent): AuditEntry {
    const { by, target } = event;
    const entry: AuditEntry = {
      id: `Directory_${randomUUID()}`,
      category: 'UserManagement',
      correlationId: event.correlationId ?? randomUUID(),
      result: 'success',
      resultReason: '',
      activityDisplayName: event.activity,
      activityDateTime: event.at.toISOString(),
      loggedByService: event.service ?? 'Core Directory',
      operationType: event.operationType ?? 'Update',
      initiatedBy: by
        ? {
            user: { id: by.id, displayName: by.displayName, userPrincipalName: by.userPrincipalName, ipAddress: null },
            app: null,
          }
        : {
            user: null,
            app: { appId: DEMO_BOT_APP_ID, displayName: 'Sign-in Troubleshooter (demo)', servicePrincipalId: null },
          },
      targetResources: [
        {
          id: target.id,
          displayName: target.displayName,
          type: 'User',
          userPrincipalName: target.userPrincipalName,
          modifiedProperties: event.changed ?? [],
        },
      ],
      additionalDetails: [],
    };
    // Newest first; among entries of the same instant, the one recorded last first.
    this.entries.unshift(entry);
    this.entries.sort((a, b) =>
      a.activityDateTime < b.activityDateTime ? 1 : a.activityDateTime > b.activityDateTime ? -1 : 0,
    );
    return entry;
  }

  all(): readonly AuditEntry[] {
    return this.entries;
  }

  list(query: URLSearchParams, url: URL): unknown {
    rejectUnsupported(query, ['$filter', '$top', '$skiptoken', '$orderby']);
    const top = pageSize(query.get('$top'), 100, MAX_PAGE);
    const order = (query.get('$orderby') ?? 'activityDateTime desc').trim();
    if (!/^activityDateTime(\s+(asc|desc))?$/i.test(order))
      throw new GraphHttpError(400, 'BadRequest', `$orderby is supported on activityDateTime only, not '${order}'.`);
    let matches = this.filter(query.get('$filter'));
    if (/\sasc$/i.test(order)) matches = [...matches].reverse();
    const offset = readSkipToken(query.get('$skiptoken'));
    const body: Record<string, unknown> = {
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#auditLogs/directoryAudits',
      value: matches.slice(offset, offset + top),
    };
    if (offset + top < matches.length) {
      const next = new URL(url.toString());
      next.searchParams.set('$skiptoken', Buffer.from(`offset:${offset + top}`).toString('base64url'));
      body['@odata.nextLink'] = next.toString();
    }
    return body;
  }

  private filter(raw: string | null): AuditEntry[] {
    if (raw === null) return [...this.entries];
    let rest = raw;
    let target: (e: AuditEntry) => boolean = () => true;
    const clause = TARGET_CLAUSE.exec(raw);
    if (clause) {
      const [whole, , property, equal, prefix] = clause;
      const value = (equal ?? prefix).replace(/''/g, "'");
      target =
        prefix !== undefined
          ? (e) => e.targetResources.some((t) => t.displayName.toLowerCase().startsWith(value.toLowerCase()))
          : property.toLowerCase() === 'id'
            ? (e) => e.targetResources.some((t) => t.id.toLowerCase() === value.toLowerCase())
            : (e) => e.targetResources.some((t) => t.displayName.toLowerCase() === value.toLowerCase());
      rest = raw
        .replace(whole, ' ')
        .replace(/^\s*and\s+|\s+and\s*$/gi, '')
        .replace(/\s+and\s+and\s+/i, ' and ')
        .trim();
    }
    if (/targetResources/i.test(rest))
      throw new ODataFilterError("targetResources is filtered as targetResources/any(t: t/id eq '…') only.");
    const test = rest === '' ? () => true : compileFilter(rest, RULES).test;
    return this.entries.filter((e) => target(e) && test(e));
  }
}

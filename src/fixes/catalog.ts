/**
 * The helpdesk's one-click fixes, as data (catalog.json): for each fix the Graph call it makes, the
 * delegated scopes it needs, the directory roles Entra lets do it (named when Graph says 403), and
 * whether it changes anything (changes are confirmed first; reads are shown at once). Which fixes a
 * finding or an error code offers is data too. Each fix is done with the clicking person's own
 * delegated token (src/fixes/graphCalls.ts), never the bot's application permissions.
 */
import type { Finding } from '../diagnosis/diagnose';
import catalog from './catalog.json';

export const FIX_IDS = [
  'revokeSessions',
  'temporaryAccessPass',
  'requirePasswordChange',
  'enableAccount',
  'whatIf',
  'devices',
] as const;
export type FixId = (typeof FIX_IDS)[number];

export interface FixDefinition {
  id: FixId;
  graph: { method: 'GET' | 'POST' | 'PATCH'; path: string };
  /** Delegated Microsoft Graph permissions the OAuth connection must ask for. */
  scopes: string[];
  /** Entra roles that allow it, least privileged first. */
  roles: string[];
  /** Changes the directory: a confirmation comes first. Reads are shown at the first click. */
  changes: boolean;
  /** Its result is a secret (a Temporary Access Pass): shown once, in a personal chat, never logged. */
  secret: boolean;
  /** The Graph reference page (and section) that documents the call and its permissions. */
  docs: string;
}

const DEFINITIONS: Record<FixId, FixDefinition> = Object.fromEntries(
  FIX_IDS.map((id) => {
    const d = catalog.fixes[id];
    return [id, { id, ...d, graph: d.graph as FixDefinition['graph'], secret: 'secret' in d && d.secret === true }];
  }),
) as Record<FixId, FixDefinition>;

export function fixDefinition(id: FixId): FixDefinition {
  return DEFINITIONS[id];
}

/** Every delegated scope the fixes need (the OAuth connection's scopes, docs/deploy.md). */
export function delegatedScopes(): string[] {
  return [...new Set(FIX_IDS.flatMap((id) => DEFINITIONS[id].scopes))].sort();
}

const byFinding = catalog.byFinding as Partial<Record<Finding['kind'], FixId[]>>;
const byCode = catalog.byCode as Record<string, FixId[]>;

/** The fixes for a finding (a Conditional Access grant that asks for a compliant device: the devices too). */
export function fixesForFinding(finding: Finding): FixId[] {
  if (finding.kind === 'conditionalAccess') {
    const device =
      finding.controls.includes('CompliantDevice') || (finding.device?.known === true && !finding.device.compliant);
    return device ? ['whatIf', 'devices'] : ['whatIf'];
  }
  if (finding.kind === 'accountLoop') return fixesForCode(finding.code);
  return byFinding[finding.kind] ?? [];
}

/** The fixes for a failure no finding explains, by its error code. */
export function fixesForCode(code: number): FixId[] {
  return byCode[String(code)] ?? [];
}

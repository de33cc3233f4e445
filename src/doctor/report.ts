/** The doctor's report as one screen of text (the CLI) and as one log record (start-up). */
import type { DoctorCheck, DoctorReport } from './checks';

const MARK: Record<DoctorCheck['status'], string> = { ok: 'ok  ', missing: 'MISSING', unknown: '?   ', note: 'note' };
const GROUPS: [DoctorCheck['group'], string][] = [
  ['permission', 'Microsoft Graph application permissions (admin consent)'],
  ['licence', 'Licence'],
  ['setting', 'Settings'],
];

export function formatReport(report: DoctorReport): string {
  const lines = [`Sign-in Troubleshooter doctor — tenant ${report.tenantId} (${report.mode} mode)`];
  for (const [group, title] of GROUPS) {
    const checks = report.checks.filter((c) => c.group === group);
    if (checks.length === 0) continue;
    lines.push('', title);
    for (const c of checks) {
      lines.push(`  ${MARK[c.status].padEnd(7)} ${c.name}${c.evidence ? ` — ${c.evidence}` : ''}`);
      if (c.cost) lines.push(`          ${c.status === 'note' ? 'Means' : 'Costs'}: ${c.cost}`);
      if (c.fix && c.status !== 'ok') lines.push(`          Fix: ${c.fix}`);
    }
  }
  const unknown = report.checks.filter((c) => c.status === 'unknown').map((c) => c.name);
  lines.push(
    '',
    report.missing.length === 0
      ? `Nothing missing${unknown.length ? ` (could not tell: ${unknown.join(', ')})` : ''}.`
      : `Missing: ${report.missing.join(', ')}${unknown.length ? `; could not tell: ${unknown.join(', ')}` : ''}.`,
  );
  return lines.join('\n');
}

/** One structured record for the start-up log: names only, no tokens or secrets. */
export function logFields(report: DoctorReport): Record<string, unknown> {
  return {
    missing: report.missing,
    unknown: report.checks.filter((c) => c.status === 'unknown').map((c) => c.name),
    checks: report.checks.map((c) => ({ name: c.name, status: c.status, evidence: c.evidence })),
  };
}

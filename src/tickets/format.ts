/**
 * Ticket content as labelled fields, and those fields as plain text (ServiceNow) or HTML (mail).
 * One list, so that every sink carries every field.
 */
import type { TicketContent, TicketNote } from './types';

export type FieldValue = string | string[];

export function ticketFields(reference: string, c: TicketContent): [label: string, value: FieldValue][] {
  const person = (p: { id: string; name: string; upn?: string }) => [p.name, p.upn, p.id].filter(Boolean).join(' · ');
  const orDash = (v: string | null) => (v === null || v === '' ? '—' : v);
  return [
    ['Reference', reference],
    ['Requested by', person(c.requester)],
    ['Affected person', person(c.subject)],
    ['Time (UTC)', c.occurredAtUtc],
    ['Time (local)', c.occurredAtLocal],
    ['Application', c.app],
    ['Resource', orDash(c.resource)],
    ['Error code', String(c.errorCode)],
    ['Failure reason', c.failureReason],
    ['Diagnosis', c.title],
    ...(c.finding
      ? ([
          ['Finding', c.finding.summary],
          ['Evidence', c.finding.evidence.length ? c.finding.evidence : '—'],
        ] as [string, FieldValue][])
      : []),
    ['Explanation', c.explanation],
    ['Steps', c.steps.length ? c.steps : '—'],
    ['Request ID', c.requestId],
    ['Correlation ID', c.correlationId],
    ['IP address', orDash(c.ipAddress)],
    ['Location', orDash(c.location)],
    ['Device', orDash(c.device)],
    ['Client app', orDash(c.clientApp)],
    ['Conditional Access', c.conditionalAccess.length ? c.conditionalAccess.map(policyLine) : 'none applied'],
    ['Error lookup', c.lookupUrl],
    ['Comment', orDash(c.comment)],
  ];
}

function policyLine(p: TicketContent['conditionalAccess'][number]): string {
  return `${p.name}: ${p.result}${p.controls.length ? ` (controls: ${p.controls.join(', ')})` : ''}`;
}

/** One line per field; lists indented below their label. */
export function ticketText(reference: string, content: TicketContent): string {
  return ticketFields(reference, content)
    .map(([label, value]) =>
      Array.isArray(value)
        ? `${label}:\n${value.map((v, i) => `  ${label === 'Steps' ? `${i + 1}.` : '-'} ${v}`).join('\n')}`
        : `${label}: ${value}`,
    )
    .join('\n');
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string,
  );
}

/** A self-contained HTML table; every value escaped, links only for http(s). */
export function ticketHtml(reference: string, content: TicketContent): string {
  const cell = (label: string, value: FieldValue): string => {
    if (Array.isArray(value)) {
      const tag = label === 'Steps' ? 'ol' : 'ul';
      return `<${tag} style="margin:0;padding-left:1.2em">${value.map((v) => `<li>${escapeHtml(v)}</li>`).join('')}</${tag}>`;
    }
    if (label === 'Error lookup' && /^https?:\/\//i.test(value))
      return `<a href="${escapeHtml(value)}">${escapeHtml(value)}</a>`;
    return escapeHtml(value).replace(/\r?\n/g, '<br>');
  };
  const rows = ticketFields(reference, content)
    .map(
      ([label, value]) =>
        `<tr><th style="text-align:left;vertical-align:top;padding:2px 12px 2px 0">${escapeHtml(label)}</th><td style="padding:2px 0">${cell(label, value)}</td></tr>`,
    )
    .join('\n');
  const heading = `Sign-in failure ${content.errorCode} for ${content.subject.name}`;
  return `<html><body style="font-family:Segoe UI,Arial,sans-serif;font-size:14px">\n<h2>${escapeHtml(heading)}</h2>\n<table>\n${rows}\n</table>\n<p style="color:#666">Opened from Microsoft Teams by Sign-in Troubleshooter.</p>\n</body></html>`;
}

/** Subject/short-description line: reference, code, person; no line breaks, bounded length. */
export function ticketSummary(reference: string, content: TicketContent, maxLength: number): string {
  const line =
    `[${reference}] Sign-in failure ${content.errorCode} for ${content.subject.name} (${content.subject.upn}): ${content.title}`.replace(
      /[\r\n\t]+/g,
      ' ',
    );
  return line.length <= maxLength ? line : `${line.slice(0, maxLength - 1)}…`;
}

/** A fix noted on a ticket: subject and plain text naming the ticket's reference (never what the fix made). */
export function ticketNoteText(reference: string, note: TicketNote): { subject: string; text: string } {
  const outcome = note.outcome === 'done' ? 'done' : 'refused by Entra ID';
  return {
    subject: `[${reference}] Fix ${note.fix} for ${note.subject.name}: ${outcome}`,
    text: [
      `Ticket: ${reference}`,
      `Fix: ${note.fix}`,
      `Outcome: ${outcome}`,
      `About: ${note.subject.name} (${note.subject.id})`,
      `By: ${note.by.name ?? note.by.id} (${note.by.id})`,
      `At (UTC): ${note.at}`,
    ].join('\n'),
  };
}

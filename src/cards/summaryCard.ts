/**
 * A sign-in answer as a card: the verdict, what to do now, the ticket button for the headline
 * failure, then compact evidence (a short list of attempts; one attempt's details on request).
 */
import type { SummaryAnswer } from '../answers/types';
import { queryData } from '../answers/resolvedQuery';
import type { Failure } from '../diagnosis/diagnose';
import { explain, lookupUrl } from '../diagnosis/catalog';
import { localDateTime, localTime } from '../shared/time';
import { card, clip, execute, heading, numbered, plain, subtle, text, type Card, type Element } from './elements';
import { signInFacts } from './facts';
import { scopeLine } from './filters';
import { wordVerdict } from './verdict';
import type { VerdictContext } from './verdictTypes';
import { countryName, fill, plural, wording } from './wording';
import { knownProblemNotice } from './incidentCards';
import { ticketControls } from './ticketControls';
import { yesNoText } from './yesNo';
import { fixButtons } from './fixCards';

/** The attempt picker of the details button. */
export const ATTEMPT_INPUT = 'attempt';
/** The folded background refreshes: their container, and how many of them it shows. */
const FOLDED_ID = 'backgroundRefreshes';
const FOLDED_SHOWN = 10;

/** One listed attempt (or a folded burst of background refreshes) as a line: when, who, app, outcome, where. */
export function rowLine(f: Failure, answer: SummaryAnswer, ctx: VerdictContext): string {
  const w = wording(ctx.language);
  const r = f.record;
  const person = answer.subject.kind === 'tenant' ? `${r.userDisplayName ?? r.userPrincipalName ?? '?'} · ` : '';
  const where = countryName(r.location?.countryOrRegion ?? null, ctx.language);
  const place = [r.location?.city, where].filter(Boolean).join(', ');
  if (f.burst && f.burst.count > 1) {
    const span = `${localDateTime(f.burst.first, ctx.timeZone, ctx.language)}–${localTime(f.burst.last, ctx.timeZone, ctx.language)}`;
    return [
      person +
        plural(ctx.language, w.backgroundBurst, f.burst.count, { app: r.appDisplayName ?? '?', code: f.code, span }),
      place,
    ]
      .filter(Boolean)
      .join(' · ');
  }
  const outcome =
    f.code === 0 ? w.succeeded : `${f.code} ${clip(explain(f.code, ctx.language, ctx.audience).title, 60)}`;
  const app = (r.appDisplayName ?? '?') + (f.background ? ` (${w.backgroundLabel})` : '');
  return [localDateTime(f.at, ctx.timeZone, ctx.language), person + app, outcome, place].filter(Boolean).join(' · ');
}

function notes(answer: SummaryAnswer, ctx: VerdictContext): string[] {
  const w = wording(ctx.language);
  const d = answer.diagnosis;
  const list: string[] = [];
  if (d.promptedThenSucceeded > 0) list.push(plural(ctx.language, w.nPrompted, d.promptedThenSucceeded));
  if (answer.window.defaultDays) list.push(fill(w.defaultWindow, { days: answer.window.defaultDays }));
  if (answer.window.defaultHours) list.push(fill(w.defaultWindowHours, { hours: answer.window.defaultHours }));
  if (answer.window.clampedFrom)
    list.push(
      fill(w.clamped, {
        days: answer.window.retentionDays,
        from: localDateTime(answer.window.clampedFrom, ctx.timeZone, ctx.language),
      }),
    );
  const coverage = coverageNote(answer, ctx);
  if (coverage) list.push(coverage);
  if (d.rows.length === 0) list.push(fill(w.emptyNote, { days: answer.window.retentionDays }));
  if (answer.workloadsOff) list.push(fill(w.workloadsOffApp, { app: answer.query.app ?? '?' }));
  if (answer.freshness?.source === 'index')
    list.push(fill(w.freshness, { time: localDateTime(answer.freshness.asOf, ctx.timeZone, ctx.language) }));
  return list;
}

/** A window not read whole says how far back it was searched, and how to see the rest. */
export function coverageNote(answer: Pick<SummaryAnswer, 'coverage'>, ctx: VerdictContext): string | null {
  const c = answer.coverage;
  if (!c) return null;
  const w = wording(ctx.language);
  return fill(c.onlyBackground ? w.coverageBackground : w.coverage, {
    count: plural(ctx.language, w.nSignIns, c.records),
    time: localDateTime(c.readBackTo, ctx.timeZone, ctx.language),
  });
}

/** A first answer (the live index's part of the window) says which older part is still being read. */
export function pendingNotice(answer: Pick<SummaryAnswer, 'pending'>, ctx: VerdictContext): string | null {
  const p = answer.pending;
  if (!p) return null;
  return fill(wording(ctx.language).olderPending, {
    from: localDateTime(p.from, ctx.timeZone, ctx.language),
    to: localDateTime(p.to, ctx.timeZone, ctx.language),
  });
}

function ticketPart(answer: SummaryAnswer, ctx: VerdictContext): Element[] {
  const w = wording(ctx.language);
  if (answer.ticket) {
    const t = answer.ticket;
    return [
      {
        type: 'Container',
        style: 'good',
        spacing: 'Medium',
        items: [
          text(
            plain(
              fill(t.unconfirmed ? w.ticketUnconfirmedOnCard : t.duplicate ? w.ticketAlreadyOnCard : w.ticketOnCard, {
                reference: t.reference,
                where: t.where,
              }),
            ),
            { weight: 'Bolder' },
          ),
          ...(t.comment
            ? [text(plain(fill(w.yourComment, { comment: clip(t.comment, 300) })), { size: 'Small' })]
            : []),
        ],
      },
    ];
  }
  const target = answer.verdict.ticket;
  if (!target) return [];
  const data = {
    ...queryData(answer.query, ctx.language),
    signInId: target.signInId,
    userId: target.userId ?? '',
    // The button names the sign-in's owner; a card about everyone says so, for the ticket's finding.
    ...(answer.query.userId === null ? { everyone: true } : {}),
  };
  // Sign-ins the person may not have made ("this wasn't me"): the ticket can say so, as on the intrusion card.
  const notMe = answer.verdict.selfService?.some((l) => l.id === 'notMe') ?? false;
  return ticketControls(w, data, { notMe, primaryStyle: 'positive' });
}

/** The self-service pages answers/selfService.ts chose, as buttons (only on a person's own answer). */
function selfServicePart(answer: SummaryAnswer, ctx: VerdictContext): Element[] {
  const links = answer.verdict.selfService ?? [];
  if (links.length === 0) return [];
  const w = wording(ctx.language);
  // One button a row: side by side, several titles would be cut short.
  return links.map((l) => ({
    type: 'ActionSet',
    spacing: 'Small',
    actions: [{ type: 'Action.OpenUrl', title: w.selfService[l.id], url: l.url }],
  }));
}

/** Background refreshes folded below the list: how many, and a toggle that shows the first of them. */
function foldedPart(folded: Failure[], answer: SummaryAnswer, ctx: VerdictContext): Element[] {
  if (folded.length === 0) return [];
  const w = wording(ctx.language);
  const shown = folded.slice(0, FOLDED_SHOWN);
  const refreshes = folded.reduce((n, f) => n + (f.burst?.count ?? 1), 0);
  const lines = shown.map((f) => `- ${plain(rowLine(f, answer, ctx))}`);
  if (folded.length > shown.length) lines.push(plural(ctx.language, w.nMore, folded.length - shown.length));
  return [
    {
      type: 'ActionSet',
      spacing: 'Small',
      actions: [
        {
          type: 'Action.ToggleVisibility',
          title: plural(ctx.language, w.showBackground, refreshes),
          targetElements: [FOLDED_ID],
        },
      ],
    },
    { type: 'Container', id: FOLDED_ID, isVisible: false, items: [text(lines.join('\n'), { size: 'Small' })] },
  ];
}

function evidence(answer: SummaryAnswer, ctx: VerdictContext): { body: Element[]; more: number } {
  const w = wording(ctx.language);
  const rows = answer.diagnosis.rows;
  // The verdict's attempts lead (answers/evidence.ts); background refreshes are folded below, not paged.
  const listable = rows.slice(0, rows.length - (answer.folded ?? 0));
  const folded = rows.slice(listable.length);
  const shown = listable.slice(answer.offset, answer.offset + answer.limit);
  const more = Math.max(0, listable.length - answer.offset - shown.length);
  if (shown.length === 0) return { body: [], more };
  const body: Element[] = [
    text(w.attempts, { weight: 'Bolder', size: 'Small', separator: true, spacing: 'Medium' }),
    text(shown.map((f) => `- ${plain(rowLine(f, answer, ctx))}`).join('\n'), { size: 'Small', spacing: 'Small' }),
  ];
  if (more > 0) body.push(subtle(plural(ctx.language, w.nMore, more)));
  body.push(...foldedPart(folded, answer, ctx));
  const open = answer.detailsOf ? rows.find((f) => f.record.id === answer.detailsOf) : undefined;
  if (open) {
    const e = explain(open.code, ctx.language, ctx.audience, open.record.status?.failureReason);
    body.push({
      type: 'Container',
      style: 'emphasis',
      spacing: 'Small',
      items: [
        text(plain(fill(w.detailsTitle, { time: localDateTime(open.at, ctx.timeZone, ctx.language) })), {
          weight: 'Bolder',
          size: 'Small',
        }),
        ...(open.code !== 0 ? [text(plain(e.explanation), { size: 'Small' })] : []),
        { type: 'FactSet', facts: signInFacts(open.record, ctx.language, ctx.timeZone) },
      ],
    });
  }
  body.push({
    type: 'ColumnSet',
    spacing: 'Small',
    columns: [
      {
        type: 'Column',
        width: 'stretch',
        items: [
          {
            type: 'Input.ChoiceSet',
            id: ATTEMPT_INPUT,
            style: 'compact',
            label: w.whichAttempt,
            value: open?.record.id ?? shown[0].record.id ?? '',
            choices: shown.map((f) => ({
              title: plain(clip(rowLine(f, answer, ctx), 90)),
              value: f.record.id ?? '',
            })),
          },
        ],
      },
      {
        type: 'Column',
        width: 'auto',
        verticalContentAlignment: 'Bottom',
        items: [
          {
            type: 'ActionSet',
            actions: [
              execute(w.showDetails, 'details', {
                ...queryData(answer.query, ctx.language),
                offset: answer.offset,
                attemptId: ATTEMPT_INPUT,
              }),
            ],
          },
        ],
      },
    ],
  });
  return { body, more };
}

export function summaryCard(answer: SummaryAnswer, ctx: VerdictContext): Card {
  const w = wording(ctx.language);
  const verdict = wordVerdict(answer, ctx);
  // A known problem (an open incident this person is caught in) is read first.
  const known = answer.knownProblem ? knownProblemNotice(answer.knownProblem, ctx.language, ctx.timeZone) : null;
  // A yes/no question about the account leads with its yes or no; the verdict follows as the answer's first line.
  const yesNo = answer.yesNo ? yesNoText(answer, answer.yesNo, ctx) : null;
  const scope = answer.query.correlationId
    ? fill(w.titleCorrelation, { id: answer.query.correlationId })
    : scopeLine(answer, ctx, yesNo ? [yesNo, verdict.text] : [verdict.text]);
  const lead = yesNo ? [heading(plain(yesNo)), text(plain(verdict.text))] : [heading(plain(verdict.text))];
  const pending = pendingNotice(answer, ctx);
  const body: Element[] = [
    ...(known ? [known.element] : []),
    ...lead,
    subtle(plain(scope)),
    ...(pending ? [text(plain(pending), { color: 'Accent', spacing: 'Small' })] : []),
  ];
  if (verdict.steps.length > 0) {
    body.push({
      type: 'Container',
      spacing: 'Medium',
      items: [text(w.whatToDoNow, { weight: 'Bolder' }), text(plain(numbered(verdict.steps)), { spacing: 'Small' })],
    });
  }
  body.push(...selfServicePart(answer, ctx));
  body.push(...fixButtons(answer.fixes, ctx.language));
  body.push(...ticketPart(answer, ctx));
  const { body: evidenceBody, more } = evidence(answer, ctx);
  body.push(...evidenceBody);
  const noteList = notes(answer, ctx);
  if (noteList.length > 0) body.push(subtle(plain(noteList.join(' '))));
  const actions: Element[] = [];
  if (more > 0)
    actions.push(
      execute(w.showMore, 'showMore', {
        ...queryData(answer.query, ctx.language),
        offset: answer.offset + answer.limit,
      }),
    );
  if (answer.verdict.lookupCode)
    actions.push({ type: 'Action.OpenUrl', title: w.lookup, url: lookupUrl(answer.verdict.lookupCode) });
  const summary = [
    ...(known ? [known.line] : []),
    ...(yesNo ? [yesNo] : []),
    verdict.text,
    scope,
    ...(pending ? [pending] : []),
    ...verdict.steps.map((s, i) => `${i + 1}. ${s}`),
    ...noteList,
  ].join('\n');
  return card(body, summary, actions);
}

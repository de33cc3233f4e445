/**
 * Fills the JSON card templates (src/cards/templates) with view data, in the asker's language.
 * Every card carries a plain-text summary (fallbackText/speak) for notifications and screen readers.
 */
import { Template } from 'adaptivecards-templating';
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { readJsonAsset } from '../assets';
import type { Language } from '../understanding/question';
import type { Audience } from '../diagnosis/catalogTypes';
import { explain } from '../diagnosis/catalog';
import { describeControls, fill, type Diagnosis, type Failure } from '../diagnosis/diagnose';
import { localDateTime, localRange, utcStamp } from '../time';
import type { GraphProblemKind } from '../graph/errors';
import type { Person } from '../directory/people';
import en from './strings/en.json';
import nl from './strings/nl.json';

export type Strings = typeof en;
const STRINGS: Record<Language, Strings> = { en, nl };

export type TemplateName = 'failureSummary' | 'explainCode' | 'message' | 'ticketOpened';

export interface Card {
  /** The Adaptive Card JSON (schema 1.5). */
  content: Record<string, unknown>;
  /** Plain text for notifications, screen readers and the CLI. */
  summary: string;
  /** For a list of attempts: where "show more" goes on. */
  nextOffset?: number;
}

/** How many failed attempts one card lists before "show more". */
export const ROWS_PER_CARD = 10;

const templates = new Map<TemplateName, Template>();
function expand(name: TemplateName, data: Record<string, unknown>): Record<string, unknown> {
  let template = templates.get(name);
  if (!template) {
    template = new Template(readJsonAsset(`src/cards/templates/${name}.json`));
    templates.set(name, template);
  }
  const speak = typeof data.summary === 'string' ? data.summary.split('\n').slice(0, 2).join(' ') : '';
  return template.expand({ $root: { ...data, speak } }) as Record<string, unknown>;
}

export function strings(language: Language): Strings {
  return STRINGS[language];
}

const numbered = (steps: string[]) => steps.map((s, i) => `${i + 1}. ${s}`).join('\n');

/**
 * Card text must not be read as markdown or template syntax: Graph data (a policy name, a failure
 * reason) could contain `${...}` or markdown links.
 */
function plain(text: string | null | undefined): string {
  return (text ?? '').replace(/\$\{/g, '$ {').replace(/([*[\]])/g, '\\$1');
}

/** Graph's free texts can be long; a card shows the start (the ticket carries them whole). */
function clip(text: string | null | undefined, max = 160): string {
  const t = (text ?? '').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

/** Failing Conditional Access policies shown per attempt; the rest are counted. */
const MAX_POLICY_FACTS = 3;
/** Choices offered in "which person did you mean?" (Teams shows at most 5 buttons). */
export const MAX_CHOICES = 5;

export interface FailureSummaryInput {
  diagnosis: Diagnosis;
  language: Language;
  audience: Audience;
  timeZone: string;
  /** Display name of the subject, or null when the asker asked about themselves. */
  subjectName: string | null;
  tenantWide: boolean;
  window: { from: Date; to: Date };
  defaultWindowDays: number | null;
  /** First failure to show (for "show more"). */
  offset?: number;
  /** Show at most this many attempts ("details of the second one" shows one). */
  maxRows?: number;
  /** "did … sign in" lists every attempt (diagnosis.rows); the default lists failures. */
  intent?: 'failures' | 'signins';
  /** What "Show more" sends back (the resolved question, ids only); the offset is added here. */
  showMoreData?: Record<string, unknown>;
}

export function signInFacts(record: SignIn, language: Language, timeZone: string): { title: string; value: string }[] {
  const s = STRINGS[language];
  const at = new Date(record.createdDateTime as string);
  const device = record.deviceDetail;
  const deviceText = device
    ? [device.displayName, device.operatingSystem, device.browser,
        device.isCompliant === true ? s.deviceCompliant : device.isCompliant === false ? s.deviceNotCompliant : null,
        device.isManaged === true ? s.deviceManaged : device.isManaged === false ? s.deviceUnmanaged : null,
        device.trustType].filter(Boolean).join(', ')
    : '';
  const location = [record.location?.city, record.location?.state, record.location?.countryOrRegion].filter(Boolean).join(', ');
  const facts = [
    { title: s.factLocal, value: timeZone === 'UTC' ? utcStamp(at) : `${localDateTime(at, timeZone, language)} ${timeZone} (${utcStamp(at)})` },
    { title: s.factApp, value: record.appDisplayName ?? '' },
    { title: s.factRequestId, value: record.id ?? '' },
    { title: s.factCorrelationId, value: record.correlationId ?? '' },
    { title: s.factIp, value: record.ipAddress ?? '' },
    { title: s.factLocation, value: location },
    { title: s.factDevice, value: deviceText },
    { title: s.factClientApp, value: record.clientAppUsed ?? '' },
    ...failingPolicyFacts(record, s, language),
    ...riskFacts(record, s),
  ];
  return facts.filter((f) => f.value).map((f) => ({ title: plain(f.title), value: plain(f.value) }));
}

/** Risk shows only when Identity Protection saw some (P2 tenants; otherwise Graph says hidden or none). */
function riskFacts(record: SignIn, s: Strings): { title: string; value: string }[] {
  const level = record.riskLevelDuringSignIn;
  if (!level || ['none', 'hidden', 'unknownFutureValue'].includes(level)) return [];
  const events = (record.riskEventTypes_v2 ?? []).join(', ');
  return [{ title: s.factRisk, value: fill(s.factRiskValue, { level, events: events ? `: ${events}` : '' }) }];
}

/** What the window holds at a glance: failures per code with first and last time, apps, countries, devices. */
function windowSummary(d: Diagnosis, input: FailureSummaryInput): { title: string; value: string }[] {
  const s = STRINGS[input.language];
  const short = (at: Date) => localDateTime(at, input.timeZone, input.language);
  const list = (items: string[]) => clip(items.slice(0, 6).join(', ') + (items.length > 6 ? ', …' : ''), 160);
  return [
    ...d.byCode.slice(0, 5).map((c) => ({
      title: fill(s.summaryCode, { code: c.code, count: c.count }),
      value: c.count === 1 ? `${clip(c.title, 60)} · ${short(c.last)}` : fill(s.summaryCodeValue, { title: clip(c.title, 60), first: short(c.first), last: short(c.last) }),
    })),
    { title: s.summaryApps, value: list(d.apps) },
    { title: s.summaryCountries, value: list(d.countries) },
    { title: s.summaryDevices, value: list(d.devices) },
  ].filter((f) => f.value).map((f) => ({ title: plain(f.title), value: plain(f.value) }));
}

function failingPolicyFacts(record: SignIn, s: Strings, language: Language): { title: string; value: string }[] {
  const failing = (record.appliedConditionalAccessPolicies ?? []).filter((p) => p.result === 'failure');
  const facts = failing.slice(0, MAX_POLICY_FACTS).map((p) => {
    const controls = p.enforcedGrantControls ?? [];
    const name = clip(p.displayName ?? p.id ?? '?', 80);
    return {
      title: s.factPolicy,
      value: controls.includes('Block') ? fill(s.factPolicyBlock, { name }) : fill(s.factPolicyValue, { name, controls: describeControls(controls, language) }),
    };
  });
  if (failing.length > MAX_POLICY_FACTS) facts.push({ title: s.factPolicy, value: fill(s.morePolicies, { count: failing.length - MAX_POLICY_FACTS }) });
  return facts;
}

function failureRow(f: Failure, index: number, input: FailureSummaryInput, firstOfCode: Failure | undefined) {
  const record = f.record;
  const person = input.tenantWide ? `${record.userDisplayName ?? record.userPrincipalName} · ` : '';
  const time = localDateTime(f.at, input.timeZone, input.language);
  return {
    line: f.code === 0
      ? `**${time}** · ${plain(person + (record.appDisplayName ?? '?'))} · ${STRINGS[input.language].succeeded}`
      : `**${time}** · ${plain(person + (record.appDisplayName ?? '?'))} · **${f.code}** · ${plain(clip(f.explanation.title, 80))}`,
    canTicket: f.code !== 0,
    ...(firstOfCode ? sameAs(firstOfCode, input) : explained(f, input)),
    ...rowFacts(f, index, input),
  };
}

/** A later attempt with the same code points at the first one instead of repeating its texts. */
function sameAs(first: Failure, input: FailureSummaryInput) {
  return { explanation: fill(STRINGS[input.language].sameAsAbove, { time: localDateTime(first.at, input.timeZone, input.language) }), steps: '' };
}

function explained(f: Failure, input: FailureSummaryInput) {
  const record = f.record;
  return {
    explanation: plain([f.explanation.explanation, record.status?.additionalDetails && input.audience === 'helpdesk' ? `(${clip(record.status.additionalDetails)})` : ''].filter(Boolean).join(' ')),
    steps: plain(numbered(f.explanation.steps)),
  };
}

function rowFacts(f: Failure, index: number, input: FailureSummaryInput) {
  const record = f.record;
  return {
    facts: signInFacts(record, input.language, input.timeZone),
    commentId: `comment${index}`,
    detailsId: `details${index}`,
    signInId: record.id ?? '',
    userId: record.userId ?? '',
    lookupUrl: f.explanation.lookupUrl,
  };
}

/** Cards are kept under this many bytes of JSON (Teams' older limit is 28 KB). */
export const CARD_BUDGET_BYTES = 27 * 1024;

export function failureSummaryCard(input: FailureSummaryInput): Card {
  // Ten rows normally fit; with long texts fewer rows are shown and "show more" goes on from there.
  const size = (card: Card) => Buffer.byteLength(JSON.stringify(card.content));
  let rows = Math.min(ROWS_PER_CARD, input.maxRows ?? ROWS_PER_CARD);
  let card = renderFailureSummary(input, rows);
  let bytes = size(card);
  if (bytes > CARD_BUDGET_BYTES && rows > 1) {
    // Estimate the rows that fit from the size of one row, then step down if the estimate was kind.
    const one = size(renderFailureSummary(input, 1));
    const perRow = Math.max(1, (bytes - one) / (rows - 1));
    rows = Math.max(1, Math.min(rows - 1, 1 + Math.floor((CARD_BUDGET_BYTES - one) / perRow)));
    card = renderFailureSummary(input, rows);
    bytes = size(card);
    while (bytes > CARD_BUDGET_BYTES && rows > 1) {
      rows -= 1;
      card = renderFailureSummary(input, rows);
      bytes = size(card);
    }
  }
  return card;
}

function renderFailureSummary(input: FailureSummaryInput, rowCount: number): Card {
  const s = STRINGS[input.language];
  const d = input.diagnosis;
  const offset = input.offset ?? 0;
  const listing = input.intent === 'signins';
  const shown = d.rows.slice(offset, offset + rowCount);
  const more = Math.max(0, d.rows.length - offset - shown.length);
  const title = listing
    ? d.rows.length === 0 ? s.noSigninsTitle : input.subjectName === null ? s.signinsTitleSelf : fill(s.signinsTitleOther, { name: input.subjectName ?? '' })
    : d.failures.length === 0 ? s.noFailuresTitle
    : input.tenantWide ? s.failuresTitleTenant
    : input.subjectName === null ? s.failuresTitleSelf : fill(s.failuresTitleOther, { name: input.subjectName });
  const range = localRange(input.window.from, input.window.to, input.timeZone, input.language);
  const period = input.defaultWindowDays ? fill(s.period, { range, days: input.defaultWindowDays }) : fill(s.periodAsked, { range });
  const subtitle = offset > 0 && shown.length > 0 ? `${period} ${fill(s.pageOf, { first: offset + 1, last: offset + shown.length, total: d.rows.length })}` : period;
  const banners = d.patterns.filter((p) => p.headline !== d.headline).map((p) => ({ text: plain(p.headline) }));
  const data = {
    title: plain(title), subtitle, headline: plain(d.headline), banners,
    summary_facts: offset === 0 && d.failures.length > 1 ? windowSummary(d, input) : [],
    rows: shown.map((f, i) => failureRow(f, offset + i, input, shown.slice(0, i).find((g) => g.code === f.code))),
    moreCount: more, moreText: fill(listing ? s.moreTextAll : s.moreText, { count: more }),
    showMoreData: JSON.parse(JSON.stringify({ ...(input.showMoreData ?? {}), offset: offset + shown.length })) as Record<string, unknown>,
    notes: d.notes.map((text) => ({ text: plain(text) })),
    strings: s,
  };
  const summaryLines = [title, d.headline, ...d.patterns.map((p) => p.headline), ...shown.map((f) => `${localDateTime(f.at, input.timeZone, input.language)} · ${f.record.appDisplayName} · ${f.code} · ${f.explanation.title}`), ...d.notes];
  const summary = summaryLines.join('\n');
  return { content: expand('failureSummary', { ...data, summary }), summary, nextOffset: offset + shown.length };
}

export function explainCodeCard(code: number, language: Language, audience: Audience): Card {
  const s = STRINGS[language];
  const e = explain(code, language, audience);
  const title = fill(s.explainTitle, { code, title: e.title });
  const facts = [
    { title: s.factCode, value: String(code) },
    ...(e.whoFixes ? [{ title: s.factWhoFixes, value: s[`whoFixes_${e.whoFixes}` as keyof Strings] }] : []),
  ];
  const summary = `${title}\n${e.explanation}\n${numbered(e.steps)}`;
  return {
    content: expand('explainCode', {
      title: plain(title), subtitle: audience === 'user' ? s.explainSubtitleUser : s.explainSubtitleHelpdesk,
      explanation: plain(e.explanation), steps: plain(numbered(e.steps)), facts, lookupUrl: e.lookupUrl, strings: s, summary,
    }),
    summary,
  };
}

export interface MessageAction {
  title: string;
  verb: string;
  data: Record<string, unknown>;
}

/** A title, paragraphs, optional example questions and optional buttons: help, refusals, errors. */
export function messageCard(language: Language, title: string, paragraphs: string[], examples: string[] = [], actions: MessageAction[] = []): Card {
  const s = STRINGS[language];
  const summary = [title, ...paragraphs, ...examples.map((e) => `• ${e}`)].join('\n');
  return {
    content: expand('message', {
      title: plain(title), paragraphs: paragraphs.map((text) => ({ text: plain(text) })), examples: examples.map((text) => ({ text: plain(text) })),
      actions, strings: s, summary,
    }),
    summary,
  };
}

export function helpCard(language: Language, reader: boolean, examples: string[]): Card {
  const s = STRINGS[language];
  return messageCard(language, s.helpTitle, [s.helpText, reader ? s.helpScopeHelpdesk : s.helpScopeUser], examples);
}

export function unknownCard(language: Language, examples: string[]): Card {
  const s = STRINGS[language];
  return messageCard(language, s.unknownTitle, [s.unknownText], examples);
}

export function chooserCard(language: Language, typedName: string, people: Person[], pending: Record<string, unknown>): Card {
  const s = STRINGS[language];
  const more = people.length - MAX_CHOICES;
  const paragraphs = [fill(s.chooseText, { name: typedName }), ...(more > 0 ? [fill(s.chooseMore, { count: more })] : [])];
  return messageCard(language, s.chooseTitle, paragraphs, [], people.slice(0, MAX_CHOICES).map((p) => ({
    title: `${p.displayName} (${p.userPrincipalName}${p.department ? `, ${p.department}` : ''})`,
    verb: 'choosePerson',
    data: { ...pending, userId: p.id },
  })));
}

export function serviceProblemCard(language: Language, kind: GraphProblemKind, retry: Record<string, unknown> | null, retryAfterSeconds?: number): Card {
  const s = STRINGS[language];
  const title = s[`serviceTitle_${kind}` as keyof Strings];
  const text = fill(s[`serviceText_${kind}` as keyof Strings], { seconds: Math.max(1, retryAfterSeconds ?? 10) });
  const canRetry = retry !== null && (kind === 'throttled' || kind === 'unavailable');
  return messageCard(language, title, [text], [], canRetry ? [{ title: s.retry, verb: 'retry', data: retry }] : []);
}

export function ticketOpenedCard(language: Language, ticket: { reference: string; where: string; duplicate: boolean }, record: SignIn, timeZone: string): Card {
  const s = STRINGS[language];
  const title = fill(s.ticketOpenedTitle, { reference: ticket.reference });
  const text = fill(ticket.duplicate ? s.ticketAlreadyText : s.ticketOpenedText, { reference: ticket.reference, where: ticket.where });
  const facts = [
    ...[
      { title: s.factReference, value: ticket.reference },
      { title: s.factSentTo, value: ticket.where },
      { title: s.factAffected, value: `${record.userDisplayName ?? ''} (${record.userPrincipalName ?? ''})` },
      { title: s.factError, value: `${record.status?.errorCode ?? ''} · ${explain(record.status?.errorCode ?? 0, language, 'user').title}` },
    ].map((f) => ({ title: plain(f.title), value: plain(f.value) })),
    // signInFacts are escaped already.
    ...signInFacts(record, language, timeZone).slice(0, 5),
  ];
  const summary = `${title}\n${text}`;
  return { content: expand('ticketOpened', { title: plain(title), text: plain(text), facts, summary }), summary };
}

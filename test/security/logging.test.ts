/**
 * What the bot logs: one structured audit event per question and per card action (requester,
 * subject, time range, intent, decision, records), at info level — and never the message text, a
 * ticket comment, a token, a secret from the configuration, or sign-in details.
 */
import { createLogger } from '../../src/shared/logger';
import { executeActions } from '../../src/cards/text';
import { cardsIn, postActivity, teamsCardAction, teamsMessage } from '../../src/tools/activities';
import { startApp, type RunningApp } from '../support/app';
import { auditsIn, parseLogLine } from '../support/logLines';

const MEGAN = {
  aadObjectId: '00000000-0000-0000-0000-0000000000021',
  name: 'Megan Bowen',
  conversationId: 'a:megan-log',
};
const ALEX = {
  aadObjectId: '00000000-0000-0000-0000-0000000000020',
  name: 'Alex Wilber',
  conversationId: 'a:alex-log',
};
const SECRETS = {
  MicrosoftAppPassword: 'BotPw~Log.7c1d-never-logged',
  AZURE_CLIENT_SECRET: 'GraphSecret~Log.2b9e-never-logged',
  AZURE_CLIENT_CERTIFICATE_PASSWORD: 'CertPw~Log.5a3f-never-logged',
  TICKET_WEBHOOK_SECRET: 'Webhook~Log.8d4c-never-logged',
  SERVICENOW_PASSWORD: 'SnowPw~Log.1e6b-never-logged',
};
const COMMENT = 'I was on holiday in Lisbon, my PIN is 4711 and this comment must stay out of the logs';

const QUESTIONS: [typeof MEGAN, string][] = [
  [MEGAN, "why can't I sign in to Outlook this week?"],
  [MEGAN, 'why did Alex Wilber fail to sign in yesterday?'],
  [MEGAN, 'waarom kon ik gisteren niet inloggen?'],
  [ALEX, 'why did Megan Bowen fail to sign in yesterday?'],
  [ALEX, 'who failed to sign in to Salesforce in the last 3 days?'],
  [ALEX, 'what does AADSTS50053 mean?'],
  [ALEX, 'why did Zacharias Nonexistent fail to sign in?'],
];

let running: RunningApp;
const lines: string[] = [];
const entries = () => lines.map(parseLogLine);

beforeAll(async () => {
  // The production logger (with its redaction rules), at the most verbose level.
  const logger = createLogger('trace', {
    write: (line: string) => {
      lines.push(line);
    },
  });
  running = await startApp({ ...SECRETS, GRAPH_REPORTS_MAX_REQUESTS: '1000' }, { logger });
});
afterAll(() => running.stop());

describe('audit events', () => {
  it.each(QUESTIONS)('one audit event, at info level, for a question (%#)', async (asker, text) => {
    const from = lines.length;
    const result = await postActivity(running.url, teamsMessage(text, asker));
    expect(cardsIn(result)).toHaveLength(1);
    const audits = entries()
      .slice(from)
      .filter((l) => l.audit);
    expect(audits).toHaveLength(1);
    expect(audits[0].level).toBe(30);
    const event = audits[0].audit!;
    expect(Object.keys(event)).toEqual(
      expect.arrayContaining(['event', 'requester', 'subject', 'intent', 'from', 'to', 'decision', 'records']),
    );
    expect(event.event).toBe('question');
    expect(event.requester).toBe(asker.aadObjectId);
    expect(['allowed', 'refused', 'error']).toContain(event.decision);
    expect(typeof event.records).toBe('number');
    if (event.decision === 'allowed' && event.intent !== 'explain') {
      expect(event.from).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(event.to).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
  });

  it('records who asked about whom, the range, the decision and the number of records', () => {
    const audits = auditsIn(lines);
    expect(audits.find((a) => a.requester === MEGAN.aadObjectId && a.decision === 'refused')).toMatchObject({
      intent: 'failures',
      reason: 'not-a-reader',
      records: 0,
    });
    const helpdesk = audits.find((a) => a.requester === ALEX.aadObjectId && a.subject === MEGAN.aadObjectId);
    expect(helpdesk).toMatchObject({
      event: 'question',
      intent: 'failures',
      decision: 'allowed',
      from: '2026-11-25T23:00:00.000Z',
      to: '2026-11-26T23:00:00.000Z',
    });
    expect(helpdesk?.records).toBeGreaterThan(0);
    expect(audits.find((a) => a.requester === ALEX.aadObjectId && a.subject === 'anyone')).toMatchObject({
      decision: 'allowed',
    });
    expect(audits.find((a) => a.requester === MEGAN.aadObjectId && a.subject === 'self')).toMatchObject({
      decision: 'allowed',
    });
  });

  it('one audit event for a ticket action, with the comment nowhere in the logs', async () => {
    const own = await postActivity(
      running.url,
      teamsMessage("why can't I sign in?", { ...MEGAN, conversationId: 'a:megan-ticket' }),
    );
    const [action] = executeActions(cardsIn(own)[0]).filter((a) => a.verb === 'openTicket');
    const from = lines.length;
    const mail = running.tenant.sentMail.length;
    await postActivity(
      running.url,
      teamsCardAction('openTicket', { ...action.data, [String(action.data.commentId)]: COMMENT }, MEGAN),
    );
    expect(running.tenant.sentMail.length).toBe(mail + 1);
    expect(running.tenant.sentMail[mail].message.body.content).toContain(COMMENT); // it went to the helpdesk…
    const audits = auditsIn(lines.slice(from));
    expect(audits).toEqual([
      expect.objectContaining({
        event: 'action',
        intent: 'openTicket',
        requester: MEGAN.aadObjectId,
        subject: 'self',
        decision: 'allowed',
        records: 1,
      }),
    ]);
    expect(lines.join('\n')).not.toContain('holiday in Lisbon'); // …and not to the log
    expect(lines.join('\n')).not.toContain('4711');
  });
});

describe('what never appears in a log line', () => {
  it('no message text', () => {
    const all = lines.join('\n');
    for (const [, text] of QUESTIONS) {
      expect(all).not.toContain(text);
      // Nor a telling piece of it.
      expect(all).not.toContain(text.slice(0, 24));
    }
    expect(all).not.toMatch(/fail to sign in|niet inloggen|Salesforce in the last/);
  });

  it('no token, no Authorization header', () => {
    const all = lines.join('\n');
    expect(all).not.toContain('demo-tenant-token');
    expect(all).not.toMatch(/Bearer|authorization/i);
  });

  it('no secret from the configuration', () => {
    const all = lines.join('\n');
    for (const secret of Object.values(SECRETS)) expect(all).not.toContain(secret);
    expect(all).not.toMatch(/never-logged/);
  });

  it('no sign-in details (IP addresses, correlation ids, UPNs of the people asked about)', () => {
    const all = lines.join('\n');
    const megans = running.tenant.signIns.filter((r) => r.userId === MEGAN.aadObjectId);
    for (const ip of new Set(megans.map((r) => r.ipAddress).filter(Boolean))) expect(all).not.toContain(`"${ip}"`);
    for (const r of megans.slice(0, 50)) expect(all).not.toContain(r.correlationId as string);
    expect(all).not.toContain('meganb@example.com');
    expect(all).not.toContain('alexw@example.com');
  });

  it('the logger redacts text, comment and secrets even when code logs them by mistake', () => {
    const captured: string[] = [];
    const logger = createLogger('info', {
      write: (line: string) => {
        captured.push(line);
      },
    });
    logger.info(
      {
        text: 'why did alice fail',
        comment: 'my pin',
        activity: { text: 'nested text' },
        credentials: { password: 'p', secret: 's', token: 't' },
      },
      'oops',
    );
    const line = captured.join('');
    expect(line).not.toMatch(/why did alice|my pin|nested text|"p"|"s"|"t"/);
    expect(line).toContain('[redacted]');
  });

  it('a Temporary Access Pass logged by mistake, as Graph names it or as tap, is redacted (issue 21)', () => {
    const captured: string[] = [];
    const logger = createLogger('info', {
      write: (line: string) => {
        captured.push(line);
      },
    });
    logger.info({ answer: { temporaryAccessPass: 'Xy7$kQ2!', tap: { code: 'Ab9#mN4?' } } }, 'oops');
    const line = captured.join('');
    expect(line).not.toMatch(/Xy7\$kQ2!|Ab9#mN4\?/);
    expect(line).toContain('[redacted]');
  });
});

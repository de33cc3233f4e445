/**
 * Command line: `ask` (one question through the real server and adapter), `parse` (the question
 * parser alone) and `explain` (one catalog entry).
 */
import { parseArgs } from 'node:util';
import { loadSettings } from './loadSettings';
import { cardToText, executeActions } from './cards/text';
import { cardsIn, postActivity, teamsCardAction, teamsMessage, type AskerInfo } from './tools/activities';
import { catalog, explain } from './diagnosis/catalog';
import { parseCommand } from './understanding/parseCli';

/** How long `npm run ask` waits for an answer by default. */
const CLI_TURN_BUDGET_MS = 60_000;

const USAGE = `Usage:
  npm run ask -- [--as <upn|object id>] [--tz <IANA zone>] [--locale <tag>] [--json] [--open-ticket <n>] [--comment <text>] [--fix <id> [--confirm]] [--url <bot url>] "<question>"
  npm run --silent parse -- --now <ISO> --tz <IANA> --locale <tag> [--jsonl] "<text>"
  npm run --silent explain -- <code> [--audience user|helpdesk] [--locale en-US|nl-NL]
  npm run --silent explain -- --list`;

async function ask(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      as: { type: 'string', default: 'alexw@example.com' },
      tz: { type: 'string', default: 'Europe/Amsterdam' },
      locale: { type: 'string', default: 'en-US' },
      json: { type: 'boolean', default: false },
      'open-ticket': { type: 'string' },
      comment: { type: 'string' },
      // A helpdesk fix (revokeSessions, temporaryAccessPass, requirePasswordChange, enableAccount, whatIf, devices): its button, then the confirmation.
      fix: { type: 'string' },
      confirm: { type: 'boolean', default: false },
      url: { type: 'string' },
    },
  });
  const question = positionals.join(' ').trim();
  if (!question) {
    console.error(USAGE);
    return 2;
  }
  // `ask` cannot receive an answer posted later ("still looking", then the card): unless TURN_BUDGET_MS says
  // otherwise it waits up to a minute, as long as a throttled log may take (5 reads per 10 s, non-readers half).
  const loaded = loadSettings({ TURN_BUDGET_MS: String(CLI_TURN_BUDGET_MS), ...process.env });
  if (!loaded.ok) {
    loaded.errors.forEach((e) => console.error(`  - ${e}`));
    return 2;
  }
  // The server stack is loaded only for `ask`: `parse` and `explain` stay quick and quiet.
  const { createApp } = await import('./app');
  const { createLogger } = await import('./shared/logger');
  const { MemoryStateStore } = await import('./state');
  // One question per run: nothing of it is kept for the next run (no follow-ups, no ticket ledger), and
  // no live sign-in index (it would only spend reads filling itself).
  const app = createApp(
    { ...loaded.config, graph: { ...loaded.config.graph, signInIndexHours: 0 } },
    {
      logger: createLogger(process.env.LOG_LEVEL ?? 'warn', process.stderr),
      stateStore: new MemoryStateStore(),
      demoSettings: loaded.demoSettings,
    },
  );
  try {
    const person = values.as.includes('@')
      ? await app.people.get(values.as)
      : { id: values.as, displayName: values.as };
    if (!person) {
      console.error(`No person ${values.as} in the ${loaded.config.mode === 'demo' ? 'demo ' : ''}tenant.`);
      return 2;
    }
    const url = values.url ?? (await app.listen(0, '127.0.0.1'));
    const asker: AskerInfo = {
      aadObjectId: person.id,
      name: person.displayName,
      tenantId: app.config.graph.tenantId,
      timeZone: values.tz,
      locale: values.locale,
      conversationId: `a:cli-${process.pid}`,
    };
    const result = await postActivity(url, teamsMessage(question, asker));
    if (values.json) console.log(JSON.stringify(result.body, null, 2));
    if (result.status !== 200) {
      console.error(`The bot answered HTTP ${result.status}.`);
      return 1;
    }
    const cards = cardsIn(result);
    if (!values.json) cards.forEach((c) => console.log(cardToText(c)));
    if (values['open-ticket']) {
      const n = Number(values['open-ticket']);
      const action = executeActions(cards[0] ?? {}).filter((a) => a.verb === 'openTicket' && !a.data.notMe)[n - 1];
      if (!action) {
        console.error(`There is no ticket button number ${n} on that card.`);
        return 1;
      }
      const commentId = typeof action.data.commentId === 'string' ? action.data.commentId : 'comment';
      const invoke = await postActivity(
        url,
        teamsCardAction('openTicket', { ...action.data, [commentId]: values.comment ?? '' }, asker),
      );
      console.log('\n--- after clicking "Open support ticket" ---');
      if (values.json) console.log(JSON.stringify(invoke.body, null, 2));
      else cardsIn(invoke).forEach((c) => console.log(cardToText(c)));
      for (const mail of app.demoTenant?.sentMail ?? []) {
        console.log(
          `\n--- mail sent by the demo tenant from ${mail.from} to ${mail.message.toRecipients.map((r) => r.emailAddress.address).join(', ')} ---`,
        );
        console.log(`Subject: ${mail.message.subject}`);
        console.log(htmlToText(mail.message.body.content));
      }
    }
    if (values.fix) return await clickFix(url, asker, cards[0] ?? {}, values.fix, values.confirm, values.json, app);
    return 0;
  } finally {
    await app.close();
  }
}

/**
 * A helpdesk fix from the card: its button (a change answers with the confirmation), then with
 * `confirm` the confirmation's. In demo mode the bot's stand-in for Teams' silent sign-in supplies the
 * clicker's SSO token; the demo tenant's record of what was done, and by whom, follows.
 */
async function clickFix(
  url: string,
  asker: AskerInfo,
  card: Record<string, unknown>,
  fix: string,
  confirm: boolean,
  json: boolean,
  app: { demoTenant: { delegated: { actions: unknown[] } } | null },
): Promise<number> {
  const show = (title: string, result: Awaited<ReturnType<typeof postActivity>>) => {
    console.log(`\n--- ${title} ---`);
    if (json) console.log(JSON.stringify(result.body, null, 2));
    else if (result.status !== 200) console.log(`HTTP ${result.status}: ${JSON.stringify(result.body)}`);
    else cardsIn(result).forEach((c) => console.log(cardToText(c)));
  };
  // A button on the answer, or the confirmation a fix asked in words answers with.
  const actions = executeActions(card);
  const button = actions.find((a) => a.verb === 'fix' && a.data.fix === fix);
  const direct = actions.find((a) => a.verb === 'fixConfirm' && a.data.fix === fix);
  if (!button && !direct) {
    console.error(`There is no "${fix}" fix on that card.`);
    return 1;
  }
  let confirmation = direct;
  if (button) {
    const clicked = await postActivity(url, teamsCardAction('fix', button.data, asker));
    show(`after clicking "${button.title}"`, clicked);
    confirmation = executeActions(cardsIn(clicked)[0] ?? {}).find((a) => a.verb === 'fixConfirm');
  }
  if (confirm && confirmation) {
    show('after confirming', await postActivity(url, teamsCardAction('fixConfirm', confirmation.data, asker)));
  }
  if (app.demoTenant)
    console.log(`\n--- done in the demo tenant ---\n${JSON.stringify(app.demoTenant.delegated.actions)}`);
  return 0;
}

/** The demo mailbox's HTML mail as text: tags to line breaks, entities decoded. */
function htmlToText(html: string): string {
  const entities: Record<string, string> = {
    '&amp;': '&',
    '&lt;': '<',
    '&gt;': '>',
    '&quot;': '"',
    '&#39;': "'",
    '&nbsp;': ' ',
  };
  return html
    .replace(/<(br|\/p|\/tr|\/h\d|\/li)[^>]*>/gi, '\n')
    .replace(/<\/t[dh]>/gi, '  ')
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (e) => entities[e])
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

function explainCli(args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      audience: { type: 'string', default: 'user' },
      locale: { type: 'string', default: 'en-US' },
      list: { type: 'boolean', default: false },
    },
  });
  if (values.list) {
    [...catalog().keys()].sort((a, b) => a - b).forEach((c) => console.log(c));
    return 0;
  }
  const code = Number(String(positionals[0] ?? '').replace(/^AADSTS/i, ''));
  if (!Number.isSafeInteger(code) || positionals.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  if (values.audience !== 'user' && values.audience !== 'helpdesk') {
    console.error('--audience must be user or helpdesk');
    return 2;
  }
  const language = values.locale.toLowerCase().startsWith('nl') ? 'nl' : 'en';
  const e = explain(code, language, values.audience);
  console.log(`AADSTS${code}: ${e.title}${e.known ? '' : ' (not in the catalog)'}`);
  console.log(
    `${e.category ? `Category: ${e.category}. ` : ''}${e.whoFixes ? `Who fixes it: ${e.whoFixes}. ` : ''}${e.interrupt ? 'This is a prompt, not a failure.' : ''}`.trim(),
  );
  console.log('');
  console.log(e.explanation);
  console.log('');
  e.steps.forEach((s, i) => console.log(`${i + 1}. ${s}`));
  console.log('');
  console.log(e.lookupUrl);
  return 0;
}

/** Runs one command (`ask`, `parse`, `explain`) and returns its exit code; the tests call it too. */
export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'ask') return await ask(rest);
    if (command === 'parse') return await parseCommand(rest, process.stdin, process.stdout);
    if (command === 'explain') return explainCli(rest);
  } catch (error) {
    // An option the command does not know (node:util parseArgs): say which, and how to call it.
    if ((error as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(error as Error).message.split('.')[0]}.\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  console.error(USAGE);
  return 2;
}

if (require.main === module) {
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

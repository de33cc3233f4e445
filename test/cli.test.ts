import { runCli } from '../src/cli';
import { catalog } from '../src/diagnosis/catalog';

// The CLI's demo tenant as the stories alone, answering at once (the product demo is realistic and slow).
process.env.DEMO_NONINTERACTIVE_PER_DAY = '0';
process.env.DEMO_GRAPH_LATENCY = 'off';

/** Runs the CLI in-process and returns what it printed. */
async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const error = jest.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  try {
    const code = await runCli(argv);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('npm run ask', () => {
  const env = { ...process.env };
  beforeAll(() => {
    for (const k of ['MicrosoftAppId', 'AZURE_TENANT_ID']) delete process.env[k];
    process.env.LOG_LEVEL = 'silent';
  });
  afterAll(() => {
    process.env = env;
  });

  it('asks as Alex Wilber by default and prints the card as text, with its buttons', async () => {
    const { code, out } = await run(['ask', 'why did megan bowen fail to sign in yesterday']);
    expect(code).toBe(0);
    expect(out).toContain('for Megan Bowen between');
    expect(out).toMatch(/\[Open support ticket\] \(openTicket\)/);
  });

  it('asks as another person, in their zone and language', async () => {
    const { out } = await run([
      'ask',
      '--as',
      'meganb@example.com',
      '--tz',
      'America/New_York',
      '--locale',
      'nl-NL',
      'waarom kan ik niet inloggen?',
    ]);
    // About her own sign-ins: said under the headline, or by the headline itself when it names the window.
    expect(out).toMatch(/van jou tussen|^Je had .+ tussen /m);
    expect(out).toContain('America/New_York');
  });

  it('prints the raw activities with --json', async () => {
    const { out } = await run(['ask', '--json', 'help']);
    const body = JSON.parse(out) as { activities: { type: string; attachments?: unknown[] }[] };
    expect(body.activities.map((a) => a.type)).toEqual(['message']);
    expect(body.activities[0].attachments).toHaveLength(1);
  });

  it('clicks a ticket button and prints the ticket card and the mail the demo tenant recorded', async () => {
    const { out } = await run([
      'ask',
      '--as',
      'meganb@example.com',
      '--open-ticket',
      '1',
      '--comment',
      'on holiday',
      "why can't I sign in?",
    ]);
    expect(out).toMatch(/Ticket SIT-[0-9A-F]{8} opened/);
    expect(out).toMatch(/mail sent by the demo tenant from signin-troubleshooter@example.com to helpdesk@example.com/);
    expect(out).toContain('on holiday');
  });

  it('says who is unknown instead of failing', async () => {
    const { code, err } = await run(['ask', '--as', 'nobody@example.com', 'help']);
    expect(code).toBe(2);
    expect(err).toContain('nobody@example.com');
  });
});

describe('npm run explain', () => {
  it('prints one catalog entry for an audience and a language', async () => {
    const { code, out } = await run(['explain', 'AADSTS50053', '--audience', 'helpdesk', '--locale', 'nl-NL']);
    expect(code).toBe(0);
    expect(out).toMatch(/^AADSTS50053: /);
    expect(out).toContain('https://login.microsoftonline.com/error?code=50053');
  });

  it('lists every code with --list, one per line, in ascending order', async () => {
    const { out } = await run(['explain', '--list']);
    const codes = out.split('\n').map(Number);
    expect(codes.every((c) => Number.isSafeInteger(c))).toBe(true);
    expect(codes.slice(1).every((c, i) => c > codes[i])).toBe(true);
    expect(new Set(codes)).toEqual(new Set(catalog().keys()));
    // The codes the demo tenant's stories end in are among them.
    for (const code of [50053, 50126, 53003]) expect(codes).toContain(code);
  });

  it('rejects a bad audience', async () => {
    expect((await run(['explain', '50126', '--audience', 'boss'])).code).toBe(2);
  });

  it('answers an option it does not know with its name and the usage, not a stack trace', async () => {
    const { code, err } = await run(['ask', '--help']);
    expect(code).toBe(2);
    expect(err).toContain('--help');
    expect(err).toMatch(/^Usage:/m);
    expect(err).not.toMatch(/\n\s+at /);
  });
});

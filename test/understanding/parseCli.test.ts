import { PassThrough, Readable } from 'node:stream';
import { parseCommand } from '../../src/understanding/parseCli';

async function run(args: string[], input = ''): Promise<{ code: number; lines: string[] }> {
  const stdout = new PassThrough();
  const chunks: string[] = [];
  stdout.on('data', (c) => chunks.push(String(c)));
  const code = await parseCommand(args, Readable.from([input]), stdout);
  return { code, lines: chunks.join('').split('\n').filter(Boolean) };
}

describe('parse CLI', () => {
  it('prints one JSON line with the keys in order and UTC instants', async () => {
    const { code, lines } = await run([
      '--now',
      '2026-11-27T10:00:00Z',
      '--tz',
      'Europe/Amsterdam',
      '--locale',
      'en-US',
      'why did alice fail yesterday',
    ]);
    expect(code).toBe(0);
    expect(lines).toEqual([
      '{"intent":"failures","subject":{"kind":"person","text":"alice"},"from":"2026-11-25T23:00:00.000Z",' +
        '"to":"2026-11-26T23:00:00.000Z","app":null,"errorCode":null,"correlationId":null,"requestId":null,"category":null}',
    ]);
  });

  it('accepts a leading "--" and prints null for absent things', async () => {
    const { lines } = await run(['--', '--now', '2026-11-27T10:00:00Z', '--tz', 'UTC', 'what does AADSTS53003 mean']);
    expect(JSON.parse(lines[0])).toEqual({
      intent: 'explain',
      subject: null,
      from: null,
      to: null,
      app: null,
      errorCode: 53003,
      correlationId: null,
      requestId: null,
      category: null,
    });
  });

  it('reads JSON lines with --jsonl and answers each line', async () => {
    const input = [
      JSON.stringify({
        text: 'gisteren mislukte aanmeldingen',
        now: '2026-11-27T10:00:00Z',
        tz: 'Europe/Amsterdam',
        locale: 'nl-NL',
      }),
      '',
      JSON.stringify({ text: 'failures today', now: '2026-11-27T15:00:00Z', tz: 'America/New_York' }),
      'not json',
    ].join('\n');
    const { code, lines } = await run(['--jsonl'], input);
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[0])).toMatchObject({
      intent: 'failures',
      subject: { kind: 'anyone' },
      from: '2026-11-25T23:00:00.000Z',
    });
    expect(JSON.parse(lines[1])).toMatchObject({ from: '2026-11-27T05:00:00.000Z', to: '2026-11-28T05:00:00.000Z' });
    expect(JSON.parse(lines[2])).toEqual({ error: 'not a JSON line' });
    expect(code).toBe(1);
  });

  it('prints the request id, correlation id, code, app and ±1 hour of a pasted one-line error screen, and the category of a question', async () => {
    const screen =
      "Sign in Sorry, but we're having trouble signing you in. AADSTS50053: You've tried too often. Troubleshooting details " +
      'Request Id: 1111aaaa-2222-4bbb-8ccc-3333dddd5555 Correlation Id: 2222bbbb-3333-4ccc-9ddd-4444eeee6666 ' +
      'Timestamp: 2026-11-27T08:15:00.000Z App name: Workday';
    const input = [
      JSON.stringify({ text: screen, now: '2026-11-27T10:00:00Z', tz: 'Europe/Amsterdam', locale: 'en-US' }),
      JSON.stringify({
        text: 'who got blocked by CA this morning',
        now: '2026-11-27T10:00:00Z',
        tz: 'Europe/Amsterdam',
      }),
      JSON.stringify({ text: "what is Adele's sign-in pattern?", now: '2026-11-27T10:00:00Z', tz: 'Europe/Amsterdam' }),
    ].join('\n');
    const { code, lines } = await run(['--jsonl'], input);
    expect(code).toBe(0);
    expect(JSON.parse(lines[0])).toEqual({
      intent: 'failures',
      subject: { kind: 'self' },
      from: '2026-11-27T07:15:00.000Z',
      to: '2026-11-27T09:15:00.000Z',
      app: 'Workday',
      errorCode: 50053,
      correlationId: '2222bbbb-3333-4ccc-9ddd-4444eeee6666',
      requestId: '1111aaaa-2222-4bbb-8ccc-3333dddd5555',
      category: null,
    });
    expect(JSON.parse(lines[1])).toMatchObject({
      subject: { kind: 'anyone' },
      category: 'conditional_access',
      requestId: null,
    });
    expect(JSON.parse(lines[2])).toMatchObject({ intent: 'count', subject: { kind: 'person', text: 'Adele' } });
  });

  it('refuses a bad zone, a bad time or a missing text', async () => {
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect((await run(['--now', '2026-11-27T10:00:00Z', '--tz', 'Nowhere/City', 'x'])).code).toBe(2);
    expect((await run(['--now', 'yesterday', '--tz', 'UTC', 'x'])).code).toBe(2);
    expect((await run(['--now', '2026-11-27T10:00:00Z', '--tz', 'UTC'])).code).toBe(2);
    err.mockRestore();
  });
});

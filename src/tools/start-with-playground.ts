/**
 * `npm start`: the bot on 127.0.0.1:3978 in demo mode, and the Microsoft 365 Agents Playground on
 * 127.0.0.1:56150 (loopback only, telemetry off, no browser), configured for the demo tenant.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../shared/assets';

const BOT_PORT = Number(process.env.PORT ?? 3978);
const PLAYGROUND_PORT = Number(process.env.PLAYGROUND_PORT ?? 56150);
const root = projectRoot();
const children: ChildProcess[] = [];

function run(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} stopped (${signal ?? `exit code ${code}`}); stopping everything.`);
      stop(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
function stop(code = 0): void {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}

async function waitFor(url: string, seconds: number): Promise<boolean> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return true;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

async function main(): Promise<void> {
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  // restify 11 reads process.binding('http_parser'), which Node 20 flags as deprecated (DEP0111): harmless noise.
  run('bot', process.execPath, ['--disable-warning=DEP0111', join(root, 'dist/src/index.js')], {
    DEMO: process.env.DEMO ?? 'true',
    HOST: '127.0.0.1',
    PORT: String(BOT_PORT),
  });
  if (!(await waitFor(`http://127.0.0.1:${BOT_PORT}/healthz`, 60))) {
    console.error('The bot did not answer /healthz within 60 s.');
    return stop(1);
  }
  run(
    'Agents Playground',
    process.execPath,
    [
      require.resolve('@microsoft/m365agentsplayground/cli.js'),
      '-e',
      `http://127.0.0.1:${BOT_PORT}/api/messages`,
      '-c',
      'msteams',
      '-p',
      String(PLAYGROUND_PORT),
      '--disable-telemetry',
    ],
    {
      TEAMSAPPTESTER_BROWSER: 'none',
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: join(root, '.m365agentsplayground.yml'),
      M365_AGENTS_PLAYGROUND_LOGFILE: join(root, 'devTools', 'm365agentsplayground.log'),
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${join(root, 'src/tools/loopback-preload.js')}`.trim(),
    },
  );
  if (!(await waitFor(`http://127.0.0.1:${PLAYGROUND_PORT}/`, 60))) {
    console.error('The Agents Playground did not start within 60 s; see devTools/m365agentsplayground.log.');
    return stop(1);
  }
  console.log('');
  console.log(`  Sign-in Troubleshooter (demo tenant) is ready.`);
  console.log(`  Open http://127.0.0.1:${PLAYGROUND_PORT} and ask: "why did Megan Bowen fail to sign in yesterday?"`);
  console.log(
    `  Bot: http://127.0.0.1:${BOT_PORT}/api/messages  ·  health: http://127.0.0.1:${BOT_PORT}/healthz  ·  Ctrl+C stops both.`,
  );
  console.log('');
}

void main();

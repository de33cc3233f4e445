/**
 * `npm test`: `npm run lint` and jest, side by side. Lint is one process on one core and jest's
 * suites spend much of their time waiting on loopback HTTP, so on two cores the two overlap instead
 * of adding up (bench/results.md, "Test wall time"). Jest's output streams; lint's is held and
 * printed when it ends, so the two do not interleave; lint's verdict goes to stderr, so that
 * `--json` on stdout stays JSON. Arguments go to jest (`npm test -- --json …`).
 * With CI set the two run one after the other, as before: the process suites (a browser, bot
 * processes, Azurite) keep the machine to themselves and lint's output comes first in the log.
 */
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import { env, argv, exit, stderr } from 'node:process';

const jestArgs = argv.slice(2);

/** Runs a command; resolves with its exit code and, when `hold` is set, its output. */
function run(command, args, hold, niceness = 0) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: hold ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    // Set before npm starts lint's steps, which inherit it.
    if (niceness && child.pid) setPriority(child.pid, niceness);
    const output = [];
    if (hold) {
      child.stdout.on('data', (chunk) => output.push(chunk));
      child.stderr.on('data', (chunk) => output.push(chunk));
    }
    child.on('error', (error) => resolve({ code: 1, output: [Buffer.from(`${command}: ${error.message}\n`)] }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

// Beside jest, lint runs at a lower priority: it takes the CPU the suites leave while they wait, and
// the suites that measure real time (limiter windows, leases, turn budgets) keep a core each.
const lint = () => run('npm', ['run', '--silent', 'lint'], !env.CI, env.CI ? 0 : 10);
const jest = () => run('node', ['node_modules/jest/bin/jest.js', ...jestArgs], false);

const started = Date.now();
let lintResult;
let jestResult;
if (env.CI) {
  lintResult = await lint();
  // As before: a failing lint stops the run before jest.
  jestResult = lintResult.code === 0 ? await jest() : { code: 1 };
} else {
  [lintResult, jestResult] = await Promise.all([
    lint().then((result) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      if (result.code !== 0) {
        stderr.write(Buffer.concat(result.output));
        stderr.write(`npm run lint failed (exit ${result.code}, ${seconds} s)\n`);
      }
      return { ...result, seconds };
    }),
    jest(),
  ]);
  if (lintResult.code === 0) stderr.write(`npm run lint passed (${lintResult.seconds} s)\n`);
  else stderr.write('npm run lint failed: see its output above the tests\n');
}
exit(lintResult.code || jestResult.code);

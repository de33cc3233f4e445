/**
 * Two jest projects:
 * - unit: everything that runs inside the jest worker (the bot over loopback HTTP included);
 * - process: the suites that start other processes or a browser, or run for minutes — the Agents
 *   Playground end to end, two bot processes on one state store, the soak, the card screenshots.
 *
 * `npm test` runs the unit project, and both in CI (CI=true, as .ci/run sets it) or with
 * TEST_PROCESS=1; `npm run test:process` runs the process project alone. README "Tests" lists the commands.
 */
const { env } = require('node:process');
const { availableParallelism } = require('node:os');

const PROCESS_SUITES = [
  '<rootDir>/test/e2e/playground.test.ts',
  '<rootDir>/test/state/twoInstances.test.ts',
  '<rootDir>/test/faults/soak.test.ts',
  '<rootDir>/test/cards/screenshots.test.ts',
];

const shared = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  // SWC only strips the types (tsc in `npm run lint` type-checks the tests too; tsconfig.json's
  // isolatedModules keeps every file compilable alone), much cheaper than ts-jest on a cold cache (bench/results.md).
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  // adaptivecards' main entry is ESM; its UMD build needs no transform.
  moduleNameMapper: { '^adaptivecards$': '<rootDir>/node_modules/adaptivecards/dist/adaptivecards.js' },
};

const unit = {
  ...shared,
  displayName: 'unit',
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', ...PROCESS_SUITES],
};
const processProject = { ...shared, displayName: 'process', testMatch: PROCESS_SUITES };

const withProcess = Boolean(env.CI) || env.TEST_PROCESS === '1';

/** @type {import('jest').Config} */
module.exports = {
  projects: withProcess ? [unit, processProject] : [unit],
  // Jest's default (one worker less than the cores) runs everything in band on two cores, and most unit
  // suites wait on loopback HTTP more than they compute: two workers there (bench/results.md, "Test wall
  // time"). With the process suites (CI) the default stays: a browser, bot processes and Azurite each
  // want the machine to themselves.
  ...(withProcess ? {} : { maxWorkers: Math.max(2, availableParallelism() - 1) }),
  testTimeout: 30000,
  // Two handles that kept jest alive are closed (the reports limiter's window timer closes with the app;
  // a cut turn's budget timer is unref'd), but a run of the whole unit project in two workers still had
  // one worker force-exited, so the run still ends when the tests end (`npx jest --detectOpenHandles`).
  forceExit: true,
};

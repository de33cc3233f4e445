/**
 * A jest reporter for bench/results.md, "Test wall time": each suite's wall and CPU seconds (user + sys of
 * this process, so only meaningful in band), written as JSON to CPU_REPORT (default build/jest-cpu.json).
 * A figure that the other sessions on a shared machine hardly change:
 *   npx jest [suites…] --selectProjects=unit --maxWorkers=1 --reporters=default --reporters=./bench/jestCpuReporter.js
 * (suites first: --reporters takes the words after it).
 */
const fs = require('node:fs');
const path = require('node:path');
const process = require('node:process');

class JestCpuReporter {
  constructor() {
    this.out = process.env.CPU_REPORT || 'build/jest-cpu.json';
    this.rows = [];
    this.started = new Map();
  }

  onTestStart(test) {
    this.started.set(test.path, { cpu: process.cpuUsage(), at: Date.now() });
  }

  onTestResult(test, result) {
    const start = this.started.get(test.path);
    if (!start) return;
    const cpu = process.cpuUsage(start.cpu);
    this.rows.push({
      suite: path.relative(process.cwd(), test.path),
      wallSeconds: (Date.now() - start.at) / 1000,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      tests: result.numPassingTests + result.numFailingTests,
      failed: result.numFailingTests,
    });
  }

  onRunComplete() {
    fs.mkdirSync(path.dirname(this.out), { recursive: true });
    fs.writeFileSync(this.out, JSON.stringify(this.rows, null, 1));
  }
}

module.exports = JestCpuReporter;

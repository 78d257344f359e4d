// Mocha's spec reporter plus the plain closing line `N passed, N failed[, N skipped]` that CI log scanners read;
// with TEST_SUMMARY_FILE set it also writes {passed, failed, skipped} there as JSON (read by scripts/test.js).
//   mocha --reporter test/runners/mochaReporter.js
'use strict';

const fs = require('fs');
const { reporters } = require('mocha');

class SpecWithSummary extends reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once('end', () => {
      const { passes, failures, pending } = this.stats;
      reporters.Base.consoleLog(`${passes} passed, ${failures} failed` + (pending ? `, ${pending} skipped` : ''));
      if (process.env.TEST_SUMMARY_FILE) {
        fs.writeFileSync(process.env.TEST_SUMMARY_FILE, JSON.stringify({ passed: passes, failed: failures, skipped: pending }) + '\n');
      }
    });
  }
}

module.exports = SpecWithSummary;

// `--junit FILE`: the tests of a run as JUnit XML, the shape CI servers read — one
// <testsuite> per request (named after it, inside one <testsuites> for the file), one
// <testcase> per test, <failure> for a failed one. Counts in the attributes are computed
// from the cases written, so they always agree.
import type { ScriptTest } from '../core/script/script-model';

export interface JunitSuite {
  /** The request, e.g. `POST http://…/login (login), line 3`. */
  readonly name: string;
  readonly tests: readonly ScriptTest[];
}

/** XML 1.0 allows no control characters but tab and line breaks, even escaped. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function junitXml(fileName: string, suites: readonly JunitSuite[]): string {
  const total = suites.reduce((n, s) => n + s.tests.length, 0);
  const failures = suites.reduce((n, s) => n + s.tests.filter((t) => !t.passed).length, 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlEscape(fileName)}" tests="${total}" failures="${failures}" errors="0">`,
  ];
  suites.forEach((suite, id) => {
    const failed = suite.tests.filter((t) => !t.passed).length;
    lines.push(
      `  <testsuite name="${xmlEscape(suite.name)}" id="${id}" tests="${suite.tests.length}" failures="${failed}" errors="0" skipped="0">`,
    );
    for (const test of suite.tests) {
      const attrs = `name="${xmlEscape(test.name)}" classname="${xmlEscape(suite.name)}"`;
      if (test.passed) {
        lines.push(`    <testcase ${attrs}/>`);
        continue;
      }
      const where = test.line ? ` (${test.file ?? fileName}:${test.line})` : '';
      const message = `${test.message ?? 'failed'}${where}`;
      lines.push(
        `    <testcase ${attrs}>`,
        `      <failure message="${xmlEscape(message)}" type="AssertionError">${xmlEscape(message)}</failure>`,
        '    </testcase>',
      );
    }
    lines.push('  </testsuite>');
  });
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

#!/usr/bin/env node
// Sums up reports/mutation/*/mutation.json (Stryker's JSON reports, not committed: they are
// large) into reports/mutation/summary.json (committed) and prints it as a Markdown table.
// `--survivors AREA` lists that area's surviving and uncovered mutants, one a line.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = 'reports/mutation';
const detected = new Set(['Killed', 'Timeout']);
const counted = new Set(['Killed', 'Timeout', 'Survived', 'NoCoverage']);

function load(area) {
  const file = join(root, area, 'mutation.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

const survivorsAt = process.argv.indexOf('--survivors');
if (survivorsAt >= 0) {
  const report = load(process.argv[survivorsAt + 1]);
  for (const [file, f] of Object.entries(report?.files ?? {})) {
    const lines = f.source.split('\n');
    for (const m of f.mutants) {
      if (!counted.has(m.status) || detected.has(m.status)) continue;
      const { line, column } = m.location.start;
      const end = m.location.end.line === line ? m.location.end.column - 1 : undefined;
      console.log(
        `${m.status} ${file}:${line}:${column} ${m.mutatorName} ${JSON.stringify(lines[line - 1].slice(column - 1, end).slice(0, 70))} -> ${JSON.stringify((m.replacement ?? '').slice(0, 70))}`,
      );
    }
  }
  process.exit(0);
}

const summary = {};
for (const area of readdirSync(root).sort()) {
  const report = load(area);
  if (!report) continue;
  const files = {};
  const all = { killed: 0, timeout: 0, survived: 0, noCoverage: 0 };
  for (const [file, f] of Object.entries(report.files)) {
    const c = { killed: 0, timeout: 0, survived: 0, noCoverage: 0 };
    for (const m of f.mutants) {
      const key = { Killed: 'killed', Timeout: 'timeout', Survived: 'survived', NoCoverage: 'noCoverage' }[m.status];
      if (key) {
        c[key]++;
        all[key]++;
      }
    }
    files[file] = { ...c, score: score(c) };
  }
  summary[area] = { ...all, score: score(all), files };
}
writeFileSync(join(root, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
console.log(
  '| area / file | score | killed | timeout | survived | no coverage |\n| --- | --- | --- | --- | --- | --- |',
);
for (const [area, s] of Object.entries(summary)) {
  console.log(`| **${area}** | **${s.score}%** | ${s.killed} | ${s.timeout} | ${s.survived} | ${s.noCoverage} |`);
  for (const [file, c] of Object.entries(s.files))
    console.log(`| ${file} | ${c.score}% | ${c.killed} | ${c.timeout} | ${c.survived} | ${c.noCoverage} |`);
}

function score(c) {
  const total = c.killed + c.timeout + c.survived + c.noCoverage;
  return total === 0 ? 100 : Math.round(((c.killed + c.timeout) / total) * 10000) / 100;
}

// Turns the sections into the printed table and bench/results.md.
function pad(text, width) {
  return text + ' '.repeat(Math.max(0, width - [...text].length));
}

function textTable(columns, rows) {
  const widths = columns.map((c, i) => Math.max([...c].length, ...rows.map((r) => [...(r[i] ?? '')].length)));
  const line = (cells) =>
    cells
      .map((c, i) => pad(c ?? '', widths[i]))
      .join('  ')
      .trimEnd();
  return [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function cell(text) {
  return (text ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function markdownTable(columns, rows) {
  return [
    `| ${columns.join(' | ')} |`,
    `| ${columns.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${columns.map((_, i) => cell(r[i])).join(' | ')} |`),
  ].join('\n');
}

const verdictColumns = ['target', 'verdict', 'figures'];
const verdictRows = (sections) => sections.flatMap((s) => s.verdicts.map((v) => [v.target, v.status, v.detail]));

export function printReport(sections, machine, mode) {
  const out = [
    `HTTP Conflict Resolver benchmarks (${mode}) — ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}`,
  ];
  for (const s of sections) out.push('', s.title, textTable(s.columns, s.rows));
  out.push('', 'Targets', textTable(verdictColumns, verdictRows(sections)));
  return out.join('\n');
}

export function markdownReport(sections, machine, { mode, startedAt, seconds, loadAtEnd }) {
  const md = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench${mode === 'quick' ? ' -- --quick' : ''}\` (${mode} mode) on ${startedAt} in ${seconds.toFixed(0)} s. Absolute times depend on the machine and its load; the ratios against peers measured in the same run are the figures to compare. Every figure is the median of the runs shown.`,
    '',
    '## Machine',
    '',
    `- CPU: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB`,
    `- OS: ${machine.platform}; Node ${machine.node}`,
    `- Load average (1, 5, 15 min) at start: ${machine.loadAverage}; at end: ${loadAtEnd} — the cores were shared with other work, so absolute times are noisy`,
    `- Revision: ${machine.revision}`,
    `- Packages: ${Object.entries(machine.packages)
      .map(([n, v]) => `${n} ${v}`)
      .join(', ')}`,
    '',
    '## Targets',
    '',
    markdownTable(verdictColumns, verdictRows(sections)),
  ];
  for (const s of sections) {
    md.push('', `## ${s.title}`, '', markdownTable(s.columns, s.rows));
    if (s.notes?.length) md.push('', ...s.notes.map((n) => `- ${n}`));
  }
  md.push('');
  return md.join('\n');
}

// `http-conflicts check FILE…`: the editor's `unguarded-write` hint for CI — nothing is
// resolved or sent. One line per finding, `file:line: message — fix: …`; exit 1 when any.
import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import type { UnguardedWrite } from '../core/conflict/unguarded-writes';
import { findUnguardedWrites } from '../core/conflict/unguarded-writes';
import { parseHttpFile } from '../core/http-file/parse-http-file';
import { LineIndex } from '../core/text-range';
import type { CliArgs } from './cli-args';
import type { Output } from './cli-writer';

function findingJson(file: string, finding: UnguardedWrite, lines: LineIndex) {
  const { write, read, fix } = finding;
  return {
    file,
    line: finding.range.start.line + 1,
    column: finding.range.start.character + 1,
    code: finding.code,
    message: finding.message,
    write: { method: write.method, url: write.url, line: write.requestLineRange.start.line + 1 },
    read: { name: read.metadata.name ?? null, url: read.url, line: read.requestLineRange.start.line + 1 },
    fix: fix
      ? {
          description: fix.description,
          dialect: fix.dialect,
          addsReadName: fix.addsReadName ?? null,
          edits: fix.edits.map((e) => {
            const at = lines.positionAt(e.start);
            return { start: e.start, end: e.end, line: at.line + 1, column: at.character + 1, newText: e.newText };
          }),
        }
      : null,
  };
}

export async function runCheck(args: CliArgs, cwd: string, stdout: Output, stderr: Output): Promise<number> {
  const out = (line: string) => stdout.line(line);
  const err = (line: string) => stderr.line(line);
  const findings: Array<ReturnType<typeof findingJson>> = [];
  let unreadable = false;
  for (const target of args.targets) {
    let text: string;
    try {
      text = await fs.readFile(resolve(cwd, target), 'utf8');
    } catch (e) {
      err(`http-conflicts: cannot read ${target}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      unreadable = true;
      continue;
    }
    const lines = new LineIndex(text);
    for (const finding of findUnguardedWrites(parseHttpFile(text), { text })) {
      const json = findingJson(target, finding, lines);
      findings.push(json);
      if (!args.json)
        out(
          `${target}:${json.line}: ${finding.message} — fix: ${finding.fix?.description ?? 'add a precondition by hand (If-Match, or the version field the API uses)'}`,
        );
    }
  }
  if (args.json) stdout.json(findings);
  else if (findings.length === 0 && !unreadable)
    out(`No unguarded writes in ${args.targets.length} file${args.targets.length === 1 ? '' : 's'}.`);
  if (unreadable) return 2;
  return findings.length > 0 ? 1 : 0;
}

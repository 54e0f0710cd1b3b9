// The line merge against git's own three-way merge (`git merge-file`), as a second opinion
// that shares no code with it: on the same three texts both must agree whether the merge
// is clean, and a clean result must be the same text.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { fuzzRuns } from '../../support/fuzz-runs';
import { mergeText } from '../../../src/core/merge/text-merge';

const SEED = Number.parseInt(process.env.HTTP_CONFLICTS_SEED ?? '', 10) || 18_2024;

/** An edit to a list of lines: remove, replace or insert lines of this side's own. */
type Edit = readonly ['remove' | 'replace' | 'insert', number, number];
const edit: fc.Arbitrary<Edit> = fc.tuple(
  fc.constantFrom('remove', 'replace', 'insert') as fc.Arbitrary<Edit[0]>,
  fc.nat(),
  fc.integer({ min: 1, max: 3 }),
);

/**
 * A side's version of the base. Its new lines are its own (`mine 3`), or now and then a
 * line both sides add (`both 1`), so that identical changes occur too. Lines never move:
 * with a move, two equally short diffs can exist and either tool may pick either.
 */
function side(base: readonly string[], edits: readonly Edit[], name: string): string[] {
  const out = base.slice();
  let fresh = 0;
  const line = (n: number): string => (n % 4 === 0 ? `both ${n}` : `${name} ${fresh++}`);
  for (const [kind, at, count] of edits) {
    const i = out.length ? at % (out.length + (kind === 'insert' ? 1 : 0)) : 0;
    if (kind === 'insert') out.splice(i, 0, ...Array.from({ length: count }, (_, k) => line(at + k)));
    else if (out.length === 0) continue;
    else if (kind === 'remove') out.splice(i, count);
    else out.splice(i, count, ...Array.from({ length: count }, (_, k) => line(at + k)));
  }
  return out;
}

const cases = fc
  .tuple(fc.integer({ min: 0, max: 12 }), fc.array(edit, { maxLength: 3 }), fc.array(edit, { maxLength: 3 }))
  .map(([length, mine, theirs]) => {
    const base = Array.from({ length }, (_, i) => `line ${i}`);
    return { base, ours: side(base, mine, 'mine'), theirs: side(base, theirs, 'theirs') };
  });

const text = (lines: readonly string[]): string => lines.map((line) => line + '\n').join('');

describe('the line merge agrees with git merge-file', () => {
  let dir: string;
  before(() => {
    const version = spawnSync('git', ['--version'], { encoding: 'utf8' });
    assert.equal(version.status, 0, 'git must be installed for this test');
    dir = mkdtempSync(join(tmpdir(), 'merge-file-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('on whether a merge is clean, and on the clean result', () => {
    fc.assert(
      fc.property(cases, ({ base, ours, theirs }) => {
        const files = { ours: join(dir, 'ours'), base: join(dir, 'base'), theirs: join(dir, 'theirs') };
        writeFileSync(files.ours, text(ours));
        writeFileSync(files.base, text(base));
        writeFileSync(files.theirs, text(theirs));
        const git = spawnSync('git', ['merge-file', '-p', '--diff3', files.ours, files.base, files.theirs], {
          encoding: 'utf8',
        });
        assert.ok(git.status !== null && git.status >= 0 && git.status < 128, git.stderr);
        const gitClean = git.status === 0;
        const result = mergeText({ base: text(base), ours: text(ours), theirs: text(theirs) });
        const context = `\nbase ${JSON.stringify(base)}\nours ${JSON.stringify(ours)}\ntheirs ${JSON.stringify(theirs)}\ngit:\n${git.stdout}\nours:\n${result.merged}`;
        assert.equal(result.conflicts.length === 0, gitClean, `clean or not${context}`);
        if (gitClean) assert.equal(result.merged, git.stdout, `clean result${context}`);
      }),
      { numRuns: fuzzRuns(200), seed: SEED },
    );
  });
});

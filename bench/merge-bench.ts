// Merge case: our mergeBodies vs node-diff3's line diff3 on the pretty-printed text vs
// jsondiffpatch diff(base, theirs) + patch(ours). Every peer goes text in → text out, so
// the JSON parsing and printing a peer needs is inside its time.
import { mergeBodies } from '../src/core/merge/merge-bodies';
import { numberArg, readArgs, report, stringArg } from './bench-args';
import { generateMergeCase, type MergeCase } from './json-doc-generator';
import { timeRuns } from './measure';

interface PeerRun {
  /** The merged text, pretty-printed as the inputs are. */
  readonly merged: string;
  readonly conflicts: number;
}

type Peer = (input: MergeCase) => PeerRun;

const ours: Peer = (input) => {
  const result = mergeBodies({
    base: input.base,
    ours: input.ours,
    theirs: input.theirs,
    contentType: 'application/json',
  });
  return { merged: result.merged, conflicts: result.conflicts.length };
};

// Both peers ship as ES modules only; esbuild inlines these imports into the bundle.
type NodeDiff3 = typeof import('node-diff3', { with: { 'resolution-mode': 'import' } });
type JsonDiffPatch = typeof import('jsondiffpatch', { with: { 'resolution-mode': 'import' } });
const loaded = Promise.all([import('node-diff3'), import('jsondiffpatch')]);

function lineDiff3(diff3: NodeDiff3): Peer {
  return (input) => {
    const result = diff3.merge(input.ours.split('\n'), input.base.split('\n'), input.theirs.split('\n'));
    const conflicts = result.result.filter((line) => line.startsWith('<<<<<<<')).length;
    return { merged: result.result.join('\n'), conflicts };
  };
}

function jsonDiffPatch(library: JsonDiffPatch): Peer {
  // objectHash by `id` is jsondiffpatch's documented way to match array items; without it
  // arrays of objects are matched by position after an LCS pass.
  const differ = library.create({
    objectHash: (item: object, index?: number) => String((item as { id?: number }).id ?? `$index:${index}`),
  });
  return (input) => {
    const delta = differ.diff(JSON.parse(input.base), JSON.parse(input.theirs));
    const merged = differ.patch(JSON.parse(input.ours), delta);
    return { merged: JSON.stringify(merged, null, 2), conflicts: 0 };
  };
}

async function main(): Promise<void> {
  const args = readArgs();
  const name = stringArg(args, 'peer');
  const [diff3, library] = await loaded;
  const peers: Record<string, Peer> = { ours, 'node-diff3': lineDiff3(diff3), jsondiffpatch: jsonDiffPatch(library) };
  const peer = peers[name];
  if (!peer) throw new Error(`unknown merge peer ${name}`);
  const input = generateMergeCase(numberArg(args, 'bytes'));
  let last: PeerRun = { merged: '', conflicts: 0 };
  const times = await timeRuns({ warmup: numberArg(args, 'warmup'), runs: numberArg(args, 'runs') }, () => {
    last = peer(input);
  });
  // A clean result must be the expected document; a line merge may stop at conflicts instead.
  const correct =
    last.conflicts === 0
      ? JSON.stringify(JSON.parse(last.merged)) === JSON.stringify(JSON.parse(input.expected))
      : false;
  if (name === 'ours' && (last.conflicts !== 0 || !correct)) {
    throw new Error(
      `mergeBodies gave ${last.conflicts} conflicts and ${correct ? 'the expected' : 'a wrong'} result on disjoint edits`,
    );
  }
  report({
    times,
    bytes: input.base.length,
    changedPerSide: input.changedPerSide,
    fieldCount: input.fieldCount,
    conflicts: last.conflicts,
    correct,
  });
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});

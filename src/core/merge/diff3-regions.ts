// diff3: lines up base→ours and base→theirs and cuts the three sequences into regions that
// nobody changed and regions that one or both sides changed. Changes that touch or
// overlap in the base fall into one region, as in GNU diff3, so two insertions at the same
// place are reported together instead of being ordered by guesswork.
import { diffSymbols, internSequences, type Hunk } from './sequence-diff';

export interface Diff3Region {
  readonly oursChanged: boolean;
  readonly theirsChanged: boolean;
  readonly baseStart: number;
  readonly baseEnd: number;
  readonly oursStart: number;
  readonly oursEnd: number;
  readonly theirsStart: number;
  readonly theirsEnd: number;
}

export function diff3Regions(
  base: readonly string[],
  ours: readonly string[],
  theirs: readonly string[],
): Diff3Region[] {
  const { lists, symbolCount } = internSequences([base, ours, theirs]);
  return diff3FromHunks(
    base.length,
    diffSymbols(lists[0], lists[1], symbolCount),
    diffSymbols(lists[0], lists[2], symbolCount),
  );
}

/** The same, from hunks already computed (base→ours and base→theirs). */
export function diff3FromHunks(
  baseLength: number,
  oursHunks: readonly Hunk[],
  theirsHunks: readonly Hunk[],
): Diff3Region[] {
  const regions: Diff3Region[] = [];
  let i = 0;
  let j = 0;
  let basePos = 0;
  let oursDelta = 0;
  let theirsDelta = 0;
  while (i < oursHunks.length || j < theirsHunks.length) {
    const takeOurs = j >= theirsHunks.length || (i < oursHunks.length && oursHunks[i].aStart <= theirsHunks[j].aStart);
    const first = takeOurs ? oursHunks[i] : theirsHunks[j];
    const lo = first.aStart;
    let hi = first.aEnd;
    const oursGroup: Hunk[] = [];
    const theirsGroup: Hunk[] = [];
    for (;;) {
      if (i < oursHunks.length && oursHunks[i].aStart <= hi) {
        hi = Math.max(hi, oursHunks[i].aEnd);
        oursGroup.push(oursHunks[i++]);
      } else if (j < theirsHunks.length && theirsHunks[j].aStart <= hi) {
        hi = Math.max(hi, theirsHunks[j].aEnd);
        theirsGroup.push(theirsHunks[j++]);
      } else {
        break;
      }
    }
    if (basePos < lo) regions.push(stable(basePos, lo, oursDelta, theirsDelta));
    const [oursStart, oursEnd] = sideRange(oursGroup, lo, hi, oursDelta);
    const [theirsStart, theirsEnd] = sideRange(theirsGroup, lo, hi, theirsDelta);
    regions.push({
      oursChanged: oursGroup.length > 0,
      theirsChanged: theirsGroup.length > 0,
      baseStart: lo,
      baseEnd: hi,
      oursStart,
      oursEnd,
      theirsStart,
      theirsEnd,
    });
    oursDelta = oursEnd - hi;
    theirsDelta = theirsEnd - hi;
    basePos = hi;
  }
  if (basePos < baseLength) regions.push(stable(basePos, baseLength, oursDelta, theirsDelta));
  return regions;
}

function stable(baseStart: number, baseEnd: number, oursDelta: number, theirsDelta: number): Diff3Region {
  return {
    oursChanged: false,
    theirsChanged: false,
    baseStart,
    baseEnd,
    oursStart: baseStart + oursDelta,
    oursEnd: baseEnd + oursDelta,
    theirsStart: baseStart + theirsDelta,
    theirsEnd: baseEnd + theirsDelta,
  };
}

/** The side's span for base `[lo, hi)`: its hunks, widened by the unchanged base around them. */
function sideRange(group: readonly Hunk[], lo: number, hi: number, delta: number): [number, number] {
  if (group.length === 0) return [lo + delta, hi + delta];
  const first = group[0];
  const last = group[group.length - 1];
  return [first.bStart - (first.aStart - lo), last.bEnd + (hi - last.aEnd)];
}

// The lost-update probe's result in plain words: what each verdict means for the user, and
// how the probe's facts read in the summary. Pure, so it is unit-tested without a DOM.
import type { ProbeView } from '../../src/protocol';
import { assertNever } from './assert-never';

export type ProbeVerdict = ProbeView['verdict'];
export type ProbeWrite = ProbeView['writes'][number];

export interface VerdictWording {
  readonly title: string;
  /** One sentence under the title, saying what the verdict means for the data. */
  readonly meaning: string;
  readonly icon: string;
}

export function verdictWording(verdict: ProbeVerdict): VerdictWording {
  switch (verdict) {
    case 'protected':
      return {
        title: 'Protected',
        meaning:
          'The API accepted only one of the writes based on the same version and refused the others, so no change was silently lost.',
        icon: 'shield',
      };
    case 'lost-updates':
      return {
        title: 'Lost updates',
        meaning:
          'The API accepted more than one write based on the same version: later writes silently overwrote earlier ones.',
        icon: 'warning',
      };
    case 'inconclusive':
      return {
        title: 'Inconclusive',
        meaning: 'The probe could not tell whether the API protects against lost updates.',
        icon: 'question',
      };
    default:
      return assertNever(verdict);
  }
}

/** `null` means the probe did not ask: the write carried no precondition to leave out. */
export function preconditionRequirementText(requires: boolean | null): string {
  if (requires === null) return 'not tested';
  return requires ? 'yes' : 'no';
}

/** A write without a status never got a response (refused connection, timeout, cancel). */
export function writeStatusText(write: ProbeWrite): string {
  if (write.status === undefined) return 'no response';
  return `${write.status} ${write.statusText ?? ''}`.trim();
}

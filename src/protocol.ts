// Every message between the response panel (media/panel) and the extension host, typed
// both ways. The panel says `ready` first; the host answers with the full `state`. The host
// owns the data; the panel only persists how the user arranged it (tab, scroll, sections).
import type { Change, MergeConflict } from './core/merge/merge-model';
import type { RetryAdvice, RetryCase } from './core/conflict/conflict-model';

// The panel script imports only this file: the merge types it renders come through here.
export type { Change, MergeConflict };
export type { RetryAdvice, RetryCase };

export type HeaderPairs = ReadonlyArray<readonly [string, string]>;

export interface SentRequestView {
  readonly method: string;
  readonly url: string;
  /** Request name (`# @name`) or `###` title, when there is one. */
  readonly label?: string;
  /** Headers as sent, secrets already redacted by the host. */
  readonly headers: HeaderPairs;
  /** Body as sent (redacted, at most a preview). */
  readonly body?: string;
}

export interface ResponseView {
  readonly status: number;
  readonly statusText: string;
  readonly httpVersion: string;
  readonly headers: HeaderPairs;
  readonly contentType?: string;
  /** Decoded body text; may be large (10 MB): the panel renders it in slices. */
  readonly body: string;
  /** The body is binary: `body` holds a short description, not the bytes. */
  readonly binary: boolean;
  readonly sizeBytes: number;
  readonly truncated: boolean;
  /** `body` is only the start of a big body (the host cut it for the panel); Open in Editor shows all `sizeBytes`. */
  readonly cut?: boolean;
  readonly durationMs: number;
  readonly timings: Readonly<Record<string, number>>;
  /** Things the user must see: truncation, TLS verification off, headers dropped on redirect. */
  readonly notices: readonly string[];
}

export interface FailureView {
  readonly code: string;
  readonly message: string;
}

export type ConflictStep = 'detected' | 'refetched' | 'rebased' | 'resent';

export interface ConflictView {
  /**
   * Names this conflict (the host sets it on every view). The panel sends it back with every
   * action and decision, and the host acts on that conflict only — or refuses a stale key.
   */
  readonly key?: string;
  readonly kind: 'version-conflict' | 'precondition-required' | 'not-a-version-conflict';
  /** One sentence in plain words: what happened and what it means. */
  readonly banner: string;
  readonly dialect: string;
  readonly confidence: number;
  readonly evidence: readonly string[];
  readonly staleToken?: string;
  readonly currentToken?: string;
  readonly serverMessage?: string;
  readonly step: ConflictStep;
  /** A base snapshot existed: the merge is three-way. */
  readonly hasBase: boolean;
  readonly theirsChanges: readonly Change[];
  readonly oursChanges: readonly Change[];
  /** The merged body (after a rebase or a preview merge). */
  readonly merged?: string;
  readonly conflicts: readonly MergeConflict[];
  /** What the user already chose per conflict id, so the panel can show it as pressed. */
  readonly decisions?: Readonly<Record<string, 'ours' | 'theirs'>>;
  /** Which quick fixes make sense now, and why not when not. */
  readonly actions: Readonly<Partial<Record<ConflictAction, { readonly enabled: boolean; readonly reason?: string }>>>;
  /**
   * A conflict to retry or explain, never to merge (in flight, key reused, already exists,
   * stale write named in the body, own earlier write): the panel shows its own view for it.
   */
  readonly retry?: RetryAdvice;
}

/** The lost-update probe's result: did the API refuse concurrent writes based on one version? */
export interface ProbeView {
  readonly verdict: 'protected' | 'lost-updates' | 'inconclusive';
  readonly method: string;
  readonly url: string;
  /** One paragraph in plain words. */
  readonly summary: string;
  readonly dialect?: string;
  /** true / false, or null when the API was not asked (the write carries no precondition). */
  readonly requiresPrecondition: boolean | null;
  readonly writes: ReadonlyArray<{
    readonly label: string;
    readonly status?: number;
    readonly statusText?: string;
    readonly outcome: string;
    readonly detail?: string;
  }>;
}

/** One test of a response: a `client.test`, an `??` assertion, or a script that failed. */
export interface TestResultView {
  readonly name: string;
  readonly passed: boolean;
  readonly message?: string;
  /** 1-based line in the .http file (or in `file`, a handler file). */
  readonly line?: number;
  readonly file?: string;
}

/** The Tests view of a response. */
export interface TestsView {
  readonly results: readonly TestResultView[];
  /** Why the scripts did not run (Restricted Mode), when they did not. */
  readonly notRun?: string;
}

export interface PanelState {
  readonly view: 'empty' | 'sending' | 'response' | 'failure' | 'probe';
  readonly request?: SentRequestView;
  readonly response?: ResponseView;
  readonly failure?: FailureView;
  readonly conflict?: ConflictView;
  /** Shown instead of a response when the lost-update probe ran (`view: 'probe'`). */
  readonly probe?: ProbeView;
  /** What the response's handlers and `??` assertions reported (`view: 'response'`). */
  readonly tests?: TestsView;
  /** Set while something runs (send, refetch, resend): shown with a Cancel button. */
  readonly busy?: string;
  /** This URL was read before: what changed since ("3 fields changed since 10:42"). */
  readonly history?: HistoryLineView;
}

export interface HistoryLineView {
  /** One line: fields added, removed, changed since the previous read. */
  readonly summary: string;
  /** Something changed (the panel marks the line). */
  readonly changed: boolean;
}

export type ConflictAction =
  'refetch' | 'rebase' | 'resend' | 'resolve' | 'compare' | 'takeTheirs' | 'overwrite' | 'addPrecondition';
export type BodyAction = 'openBody' | 'copyBody' | 'saveBody' | 'copyAsCurl' | 'cancel' | 'compareWithPrevious';
export type PanelAction = ConflictAction | BodyAction;

export const panelActions: readonly PanelAction[] = [
  'refetch',
  'rebase',
  'resend',
  'resolve',
  'compare',
  'takeTheirs',
  'overwrite',
  'addPrecondition',
  'openBody',
  'copyBody',
  'saveBody',
  'copyAsCurl',
  'cancel',
  'compareWithPrevious',
];

export type PanelToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'action'; readonly action: PanelAction; readonly conflictKey?: string }
  | {
      readonly type: 'decideConflict';
      readonly conflictId: string;
      readonly choice: 'ours' | 'theirs';
      readonly conflictKey?: string;
    };

/** The key of the conflict view a message came from: a short plain string, or absent. */
function conflictKeyOf(message: Record<string, unknown>): { conflictKey?: string } | undefined {
  const key = message.conflictKey;
  if (key === undefined) return {};
  return typeof key === 'string' && key.length > 0 && key.length <= 200 ? { conflictKey: key } : undefined;
}

export type HostToPanel = { readonly type: 'state'; readonly state: PanelState };

/** The host's check of everything the panel sends: the webview is untrusted input. */
export function parsePanelMessage(value: unknown): PanelToHost | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const message = value as Record<string, unknown>;
  const keyed = conflictKeyOf(message);
  if (!keyed) return undefined;
  switch (message.type) {
    case 'ready':
      return { type: 'ready' };
    case 'action':
      return panelActions.includes(message.action as PanelAction)
        ? { type: 'action', action: message.action as PanelAction, ...keyed }
        : undefined;
    case 'decideConflict':
      return typeof message.conflictId === 'string' &&
        message.conflictId.length < 2048 &&
        (message.choice === 'ours' || message.choice === 'theirs')
        ? { type: 'decideConflict', conflictId: message.conflictId, choice: message.choice, ...keyed }
        : undefined;
    default:
      return undefined;
  }
}

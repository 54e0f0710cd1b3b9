// One open conflict, as data: the report, its dialect, the base and current versions, the
// latest rebase, the user's decisions and how far the user got. Every transition — after a
// refetch, a rebase, a decision, the resend check, taking theirs, overwriting — is computed
// here and returns a plan (a body to write, tokens to place, a reason to refuse). Nothing here
// reads a file, sends a request or touches the editor: the front ends do that with what the
// workflow returns, so the editor and the CLI follow the same rules.
import { mergeBodies, resolveConflicts } from '../merge/merge-bodies';
import type { Change, MergeConflict, MergeInput, Resolution } from '../merge/merge-model';
import { alreadyApplied } from './already-applied';
import type { ConflictOptions, ConflictReport, Dialect, Exchange, TokenUpdate } from './conflict-model';
import { findDialect } from './dialects';
import { responseText } from './exchange-body';
import { jsonBodyProblem } from './json-text-edit';
import type { MergeFn, RebaseResult } from './rebase';
import { rebase } from './rebase';
import type { OutgoingText, RebasedBody, ResendCheck } from './resend-check';
import { checkResend } from './resend-check';
import type { RefetchOutcome } from './resolve-conflict';
import { resourceKey } from './resource-url';
import type { Snapshot } from './snapshot-store';
import { placeTokens } from './token-placement';
import { writeBodyKind } from './write-body-kind';

export type WorkflowStep = 'detected' | 'refetched' | 'rebased' | 'resent';
export type Choice = 'ours' | 'theirs';

/** The body as it reads now in the request, and how its `{{variables}}` resolve after a rebase. */
export interface BodyNow {
  /** undefined: the request has no body. */
  readonly text: string | undefined;
  readonly resolve?: (text: string) => string;
  readonly options?: ConflictOptions;
}

export type RebaseWrite =
  | {
      readonly ok: true;
      readonly rebased: RebasedBody;
      readonly bodyText?: string;
      readonly tokenUpdates: readonly TokenUpdate[];
    }
  | { readonly ok: false; readonly problem: string };

export interface TheirsPlan {
  /** The current version as the request's body (empty for a patch), body tokens placed. */
  readonly bodyText: string;
  /** Header and query tokens to write into the request. */
  readonly tokenUpdates: readonly TokenUpdate[];
  readonly resolve?: (text: string) => string;
}

export interface ComparePair {
  readonly label: string;
  readonly left: 'base' | 'current' | 'yours';
  readonly right: 'base' | 'current' | 'yours';
}

export interface CompareTexts {
  readonly ext: 'json' | 'txt';
  readonly texts: Readonly<Partial<Record<'base' | 'current' | 'yours', string>>>;
  /** Current ↔ yours first; with a base also what others and what you changed. */
  readonly pairs: readonly ComparePair[];
}

/** The refetched version as a snapshot: the base for a patch rebased onto it and edited since. */
function snapshotOf(current: Exchange, now: Date): Snapshot {
  return {
    url: resourceKey(current.request.url),
    status: current.response.status,
    tokens: [],
    bodyText: responseText(current.response),
    time: now.toISOString(),
  };
}

/** JSON pretty-printed the same way on every side, so a diff shows changes, not formatting. */
function normalised(text: string, json: boolean): string {
  if (!json) return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export interface WorkflowOptions {
  /** Where the report's dialect is looked up; the registered ones by default. */
  readonly dialects?: readonly Dialect[];
  readonly now?: () => Date;
  /** The merge while nothing is decided; `mergeBodies` by default. */
  readonly merge?: MergeFn;
}

export class ConflictWorkflow {
  readonly dialect?: Dialect;
  step: WorkflowStep = 'detected';
  base?: Snapshot;
  current?: Exchange;
  refetchProblem?: string;
  rebase?: RebaseResult;
  readonly decisions = new Map<string, Choice>();
  /** Conflicts as they were when the user decided them, so the panel keeps showing the choice. */
  readonly decided = new Map<string, MergeConflict>();
  /** base → yours before any rebase wrote their changes into the document. */
  userChanges?: readonly Change[];
  /** The last rebase of a PATCH body written into the document (see `patchSource`). */
  patchRebase?: { readonly written: string; readonly wrote: string; readonly onto: Snapshot };
  /** The user took the current version into the editor: nothing to decide, still guarded. */
  tookTheirs = false;
  /** The user confirmed Overwrite: a success then replaced the others' changes. */
  overwriting = false;
  /**
   * The latest preview found the write already on the server (`alreadyLanded`): the words to
   * show. Nothing is left to merge or resend.
   */
  landed?: string;

  private readonly now: () => Date;
  private readonly merge: MergeFn;

  constructor(
    readonly report: ConflictReport,
    /** The write that conflicted, as sent. */
    readonly exchange: Exchange,
    options: WorkflowOptions = {},
  ) {
    this.dialect = findDialect(report.dialectId, options.dialects);
    this.now = options.now ?? (() => new Date());
    this.merge = options.merge ?? mergeBodies;
  }

  /** A version conflict with a dialect that knows how to read the current version. */
  get resolvable(): boolean {
    return this.report.kind !== 'not-a-version-conflict' && this.dialect !== undefined;
  }

  /** Merge conflicts of the latest rebase the user has not decided yet. */
  openConflicts(): MergeConflict[] {
    return this.rebase?.merge.conflicts.filter((c) => !this.decisions.has(c.id)) ?? [];
  }

  // ── After a refetch ────────────────────────────────────────────────────────────────────
  /** Takes the refetched version; a new current version makes any earlier rebase stale. */
  afterRefetch(fetched: RefetchOutcome): { readonly ok: true } | { readonly ok: false; readonly problem: string } {
    if (fetched.problem || !fetched.step.exchange) {
      this.refetchProblem = `Refetching the current version failed: ${fetched.problem ?? 'no answer'}.`;
      return { ok: false, problem: this.refetchProblem };
    }
    this.refetchProblem = undefined;
    this.base = fetched.base ?? this.base;
    this.current = fetched.step.exchange;
    this.step = 'refetched';
    return { ok: true };
  }

  // ── Rebase ─────────────────────────────────────────────────────────────────────────────
  /**
   * What to rebase, and from which version. A rebased JSON Patch holds the indices of the
   * version it was rebased onto: rebasing that text again from the original base would
   * shift them twice. So the rebase's own output is rebased again from what the user had
   * written, and a patch the user edited after a rebase from the version it was rebased onto.
   */
  patchSource(bodyText: string): { userBodyText: string; base?: Snapshot } {
    const last = this.patchRebase;
    if (!last || bodyText === last.written || bodyText === last.wrote)
      return { userBodyText: last?.written ?? bodyText, base: this.base };
    return { userBodyText: bodyText, base: last.onto };
  }

  /** The merge of the body as it reads now onto the current version, with the user's decisions. */
  rebaseNow(body: BodyNow): { readonly rebased?: RebasedBody; readonly problem?: string } {
    if (!this.current || !this.dialect) return { problem: 'the current version is not known yet' };
    const decisions = new Map<string, Resolution>([...this.decisions].map(([id, kind]) => [id, { kind }]));
    const merge = (input: MergeInput) => (decisions.size ? resolveConflicts(input, decisions) : this.merge(input));
    const source = this.patchSource(body.text ?? '');
    let result: RebaseResult;
    try {
      result = rebase({
        report: this.report,
        dialect: this.dialect,
        exchange: this.exchange,
        base: source.base,
        userBodyText: source.userBodyText,
        current: this.current,
        merge,
        resolvePlaceholders: body.resolve,
        options: body.options,
      });
    } catch (error) {
      return { problem: `The merge failed: ${(error as Error).message}` };
    }
    if (body.text === undefined) return { rebased: { result, resolve: body.resolve } };
    const bodyUpdates = result.tokenUpdates.filter((u) => u.location.kind === 'body');
    const bodyText =
      placeTokens(this.exchange.request, result.merge.merged, bodyUpdates, { resolvePlaceholders: body.resolve })
        .bodyText ?? result.merge.merged;
    return { rebased: { result, bodyText, resolve: body.resolve } };
  }

  /**
   * "Your write already landed" (already-applied.ts): the clean merge of the body as written
   * onto the refetched version changes nothing the server does not already hold — typically a
   * resend meeting its own first attempt, whose answer was lost. The CLI's Resolve and the
   * editor's look after every refetch ask this one question, so both stop instead of offering
   * to rebase the user's write onto itself. Not asked once the user decided conflicts, nor for
   * a request without a body (there is nothing to compare).
   */
  alreadyLanded(rebased: RebasedBody | undefined): string | undefined {
    if (!rebased || rebased.bodyText === undefined || this.step !== 'refetched' || this.decisions.size > 0)
      return undefined;
    return alreadyApplied(rebased.result);
  }

  /** A merge shown in the panel, not written: before a rebase it also says what the user changed. */
  preview(rebased: RebasedBody | undefined): void {
    this.landed = this.alreadyLanded(rebased);
    this.rebase = rebased?.result;
    if (this.step !== 'rebased' && this.rebase) this.userChanges = this.rebase.merge.oursChanges;
  }

  /** What a Rebase writes into the request: the merged body (when it differs) and the tokens. */
  planRebase(body: BodyNow): RebaseWrite {
    const { rebased, problem } = this.rebaseNow(body);
    if (!rebased) return { ok: false, problem: problem ?? 'the merge failed' };
    const { result, bodyText } = rebased;
    // The last word before the user's file changes: a JSON body stays JSON.
    const broken = bodyText !== undefined && result.merge.kind === 'json' ? jsonBodyProblem(bodyText) : undefined;
    if (broken)
      return {
        ok: false,
        problem: `Not rebased: the merged body would not parse as JSON (${broken}). Your file was left as it was; Compare Versions shows both sides.`,
      };
    return {
      ok: true,
      rebased,
      bodyText: bodyText !== undefined && bodyText !== body.text ? bodyText : undefined,
      tokenUpdates: result.tokenUpdates.filter((u) => u.location.kind !== 'body'),
    };
  }

  /** The rebase is in the request now; returns the merge conflicts still open in it. */
  afterRebase(plan: RebaseWrite & { ok: true }, bodyBefore: string | undefined): MergeConflict[] {
    const { result, bodyText } = plan.rebased;
    this.rebase = result;
    if ((result.bodyKind === 'json-patch' || result.bodyKind === 'merge-patch') && this.current) {
      const written = this.patchSource(bodyBefore ?? '').userBodyText;
      this.patchRebase = { written, wrote: bodyText ?? bodyBefore ?? '', onto: snapshotOf(this.current, this.now()) };
    }
    this.step = 'rebased';
    return bodyBefore === undefined ? [] : this.openConflicts();
  }

  // ── Decide ─────────────────────────────────────────────────────────────────────────────
  /**
   * Keep mine / Take theirs for one merge conflict. `unknown`: no such conflict (stale);
   * `rebase`: the rebase is in the request, so it is written again; `preview`: merge again for the panel.
   */
  decide(conflictId: string, choice: Choice): 'unknown' | 'rebase' | 'preview' {
    const conflict = this.rebase?.merge.conflicts.find((c) => c.id === conflictId);
    if (!conflict && !this.decisions.has(conflictId)) return 'unknown';
    if (conflict) this.decided.set(conflictId, conflict);
    this.decisions.set(conflictId, choice);
    return this.step === 'rebased' ? 'rebase' : 'preview';
  }

  // ── Resend check ───────────────────────────────────────────────────────────────────────
  /** The one resend policy (see `checkResend`), for the request as it will be sent now. */
  checkResend(body: BodyNow, outgoing: OutgoingText): ResendCheck {
    const rebased = this.current && body.text !== undefined ? this.rebaseNow(body).rebased : undefined;
    return checkResend({
      conflicted: this.exchange.request,
      staleTokens: this.report.staleTokens,
      currentKnown: this.current !== undefined,
      writtenBody: body.text,
      lastRebase: this.step === 'rebased' ? this.rebase : undefined,
      rebased,
      decided: new Set(this.decisions.keys()),
      outgoing,
    });
  }

  // ── Take theirs ────────────────────────────────────────────────────────────────────────
  /** The current version as the request's body, with its token; nothing is sent. */
  planTakeTheirs(body: BodyNow): TheirsPlan | undefined {
    if (!this.current) return undefined;
    const theirs =
      this.dialect?.documentText?.(responseText(this.current.response)) ?? responseText(this.current.response);
    let text = normalised(theirs, true);
    // A patch that takes the current version changes nothing: it is empty, not the document.
    const kind = writeBodyKind(this.exchange.request, body.text);
    if (kind === 'merge-patch') text = '{}';
    else if (kind === 'json-patch') text = '[]';
    const rebased = this.rebaseNow(body).rebased;
    const updates = rebased?.result.tokenUpdates ?? this.rebase?.tokenUpdates ?? [];
    const resolve = rebased ? body.resolve : undefined;
    const bodyText =
      placeTokens(
        this.exchange.request,
        text,
        updates.filter((u) => u.location.kind === 'body'),
        { resolvePlaceholders: resolve },
      ).bodyText ?? text;
    return { bodyText, tokenUpdates: updates.filter((u) => u.location.kind !== 'body'), resolve };
  }

  afterTakeTheirs(): void {
    this.tookTheirs = true;
    this.step = 'rebased';
  }

  // ── Overwrite ──────────────────────────────────────────────────────────────────────────
  /** What the confirmation names: the changes by others that an overwrite loses. */
  overwriteLosses(): string {
    const lost = this.rebase?.merge.theirsChanges ?? [];
    if (lost.length) {
      return (
        lost
          .slice(0, 8)
          .map((c) => `• ${c.at}: ${c.kind}${c.after !== undefined ? ` ${c.after}` : ''}`)
          .join('\n') + (lost.length > 8 ? `\n… and ${lost.length - 8} more` : '')
      );
    }
    return this.base
      ? 'No field changes were detected, but the server version moved on.'
      : 'Without a base snapshot the other changes cannot be listed: everything on the server that differs from your body will be replaced.';
  }

  /** The confirmed overwrite: the request as written, with the current token in place. */
  planOverwrite(
    outgoing: OutgoingText,
  ): { readonly ok: true; readonly outgoing: OutgoingText } | { readonly ok: false; readonly problem: string } {
    if (!this.rebase) return { ok: false, problem: 'the current version token is unknown' };
    const placed = placeTokens(outgoing.request, outgoing.bodyText, this.rebase.tokenUpdates);
    const body = placed.bodyText !== undefined ? { kind: 'text' as const, text: placed.bodyText } : placed.request.body;
    this.overwriting = true;
    return { ok: true, outgoing: { request: { ...placed.request, body }, bodyText: placed.bodyText } };
  }

  // ── Compare ────────────────────────────────────────────────────────────────────────────
  /** Base, current and yours, JSON normalised alike on every side, and the pairs to diff. */
  compareTexts(yours: string, contentType: string | undefined): CompareTexts | undefined {
    if (!this.current) return undefined;
    const json = /json/i.test(contentType ?? '');
    const doc = (text: string) => normalised(this.dialect?.documentText?.(text) ?? text, json);
    const texts: Partial<Record<'base' | 'current' | 'yours', string>> = {
      current: doc(responseText(this.current.response)),
      yours: normalised(yours, json),
    };
    const pairs: ComparePair[] = [{ label: 'Current on server ↔ Yours', left: 'current', right: 'yours' }];
    if (this.base) {
      texts.base = doc(this.base.bodyText);
      pairs.push(
        { label: 'Base ↔ Current on server (what others changed)', left: 'base', right: 'current' },
        { label: 'Base ↔ Yours (what you changed)', left: 'base', right: 'yours' },
      );
    }
    return { ext: json ? 'json' : 'txt', texts, pairs };
  }

  // ── Settled ────────────────────────────────────────────────────────────────────────────
  /** The line that closes the loop once the request that conflicted went through. */
  resolvedLine(): string {
    const theirs = this.rebase?.merge.theirsChanges.length ?? 0;
    const changes = `${theirs} change${theirs === 1 ? '' : 's'}`;
    if (this.overwriting)
      return `Overwritten as you confirmed: ${theirs ? `${changes} from the server were replaced` : 'the server version was replaced'}.`;
    if (this.tookTheirs) return 'Resolved: your request went out on the current version you took.';
    const decided = this.decisions.size ? `, ${this.decisions.size} decided by you` : '';
    return theirs
      ? `Resolved: merged ${changes} from the server${decided}.`
      : `Resolved: sent on the current version${decided}.`;
  }
}

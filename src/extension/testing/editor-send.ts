// What a caller other than Send (the Testing view) says about a send it asks the runner
// for, and what comes back when the send stopped before an outcome. Here, below the runner,
// so the test controller names them without importing the runner.
import type * as vscode from 'vscode';
import type { ConflictReport } from '../../core/conflict/conflict-model';
import type { ParsedHttpFile, ParsedRequest } from '../../core/http-file/http-file-model';
import type { SessionOutcome } from '../../core/run/request-session';

/** How the send is done; Send uses the defaults. */
export interface SendHow {
  /** Aborts the send (a test run's cancel), as the notification's Cancel does. */
  readonly signal?: AbortSignal;
  /** Show the outcome in the panel (default yes). */
  readonly show?: boolean;
  /** Show a cancellable progress notification while sending (default yes). */
  readonly progress?: boolean;
  /** Send the named requests it reads (`{{login.response…}}`) first when never sent (default no). */
  readonly sendDependencies?: boolean;
}

/** A send that did not get as far as an outcome: the user cancelled a question, or the request has errors. */
export interface SendStopped {
  readonly kind: 'stopped';
  readonly reason: string;
  /** `cancelled`: the user said no (a prompt, Restricted Mode's question); `invalid`: parse errors. */
  readonly why: 'cancelled' | 'invalid';
}

/** One request of an open document, as the runner sends it. */
export interface SendTarget {
  readonly document: vscode.TextDocument;
  readonly file: ParsedHttpFile;
  readonly request: ParsedRequest;
}

/** The runner's one editor send path (`RequestRunner.sendInEditor`). */
export type EditorSend = (target: SendTarget, how: SendHow) => Promise<SessionOutcome<ConflictReport> | SendStopped>;

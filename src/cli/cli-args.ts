// Command-line parsing for `http-conflicts`. Errors are returned as messages; the caller
// prints them with the usage and exits 2.
export type CommandName = 'send' | 'run' | 'check' | 'probe';

export interface CliArgs {
  readonly command: CommandName;
  readonly targets: readonly string[];
  readonly env?: string;
  readonly json: boolean;
  readonly failOnStatus: boolean;
  readonly onConflict: 'fail' | 'rebase';
  readonly retries: number;
  readonly writers: number;
  readonly timeoutMs?: number;
  readonly insecure: boolean;
  readonly noRedirect: boolean;
  readonly snapshots?: string;
  readonly verbose: boolean;
  readonly maxSizeMb?: number;
  /** Folders outside the project that includes may read (`--allow-includes-outside`, repeatable). */
  readonly allowIncludesOutside: readonly string[];
  /** `--no-scripts`: JetBrains handlers and `??` assertions are not run. */
  readonly noScripts: boolean;
  /** `--junit FILE`: write the tests as JUnit XML. */
  readonly junit?: string;
  /** `--baseline DIR` and its companions (src/cli/baseline-command.ts). */
  readonly baseline?: string;
  readonly ignore: readonly string[];
  readonly failOnChange: boolean;
  readonly updateBaseline: boolean;
}

export const usage = `usage:
  http-conflicts send FILE[:LINE|#NAME] [options]   send one request (the first one when no LINE/NAME)
  http-conflicts run FILE [options]                 send every request of the file in order; stops at the first
                                                    conflict, failed exchange or request that cannot be sent as
                                                    written, and lists the requests it did not send (exit 1)
  http-conflicts check FILE...                      find writes that can overwrite someone else's change
  http-conflicts probe FILE#NAME [--writers N]      test whether an API prevents lost updates

options:
  --env NAME                environment from http-client.env.json (+ .private) or .vscode/settings.json
  --json                    print one JSON object (request, status, headers, body, timings, conflict)
  --fail-on-status          exit 1 when a response is 4xx or 5xx
  --on-conflict=fail|rebase on 409/412/428: stop there and send nothing after it (default), or refetch,
                            merge and resend when the merge is clean (a rebase that fails stops the run too)
  --retries N               with --on-conflict=rebase: rounds under contention (default 3)
  --writers N               with probe: concurrent writes (default 5)
  --timeout MS              overall deadline per request
  --max-size MB             keep at most MB of each response body (default 50)
  --insecure                do not verify TLS certificates (a warning is printed)
  --no-redirect             do not follow redirects
  --snapshots DIR           where snapshots of reads are kept (default ~/.cache/http-conflicts/snapshots)
  --allow-includes-outside DIR
                            let "< file" / "<@ file" read inside DIR too (repeatable); otherwise only the
                            project is read: the nearest folder above the .http file holding .git or .vscode
                            (never your home folder itself), else the file's own folder. Env files
                            (http-client*.env.json, .env) are only looked for from the file up to the project
  --no-scripts              do not run JetBrains scripts (> {% %}, < {% %}, > ./handler.js) or httpYac ?? assertions;
                            otherwise they run (no Node API, 1 s each) and a failed test makes the exit code 1
  --junit FILE              write the tests of the run to FILE as JUnit XML
  -v, --verbose             print response bodies in run mode
  --baseline DIR            keep each named request's response in DIR (first run, secrets masked) and print
                            what changed since then on later runs
  --ignore PATH             with --baseline: leave out a JSON path such as $.updatedAt or $.items[*].updatedAt
                            (repeatable; Date, ETag, request ids and cookie values are always left out)
  --fail-on-change          with --baseline: exit 1 when a response changed
  --update-baseline         with --baseline: accept the new responses as the baseline

exit codes:
  0 done   1 failed (transport error, unresolved conflict, stopped run, failed test, finding)   2 usage
  3 inconclusive probe
  conflicts to retry or explain, never merged (the first one met decides; 1 outranks them):
  4 still in flight (Idempotency-Key 409, S3 ConditionalRequestConflict): send it again unchanged after a pause
  5 Idempotency-Key reused with a different body (422)
  6 create-only write (If-None-Match: *) met an existing resource (412)
  7 your write had already landed (--on-conflict=rebase found the 412 was your own earlier write)
  8 a stale or concurrent write named in the body (GraphQL userErrors/extensions codes, Google ABORTED)`;

export function parseCliArgs(argv: readonly string[]): CliArgs | { error: string } {
  const [command, ...rest] = argv;
  if (command !== 'send' && command !== 'run' && command !== 'check' && command !== 'probe') {
    return { error: command ? `unknown command "${command}"` : 'no command given' };
  }
  const targets: string[] = [];
  const args: { -readonly [K in keyof CliArgs]: CliArgs[K] } = {
    command,
    targets,
    json: false,
    failOnStatus: false,
    onConflict: 'fail',
    retries: 3,
    writers: 5,
    insecure: false,
    noRedirect: false,
    verbose: false,
    allowIncludesOutside: [],
    noScripts: false,
    ignore: [],
    failOnChange: false,
    updateBaseline: false,
  };
  const ignore: string[] = [];
  args.ignore = ignore;
  const allowed: string[] = [];
  args.allowIncludesOutside = allowed;
  for (let i = 0; i < rest.length; i++) {
    const [flag, inline] =
      rest[i].startsWith('--') && rest[i].includes('=')
        ? [rest[i].slice(0, rest[i].indexOf('=')), rest[i].slice(rest[i].indexOf('=') + 1)]
        : [rest[i], undefined];
    const value = (): string | undefined => inline ?? rest[++i];
    const count = (name: string, min: number): number | { error: string } => {
      const v = Number(value());
      return Number.isInteger(v) && v >= min ? v : { error: `${name} needs a whole number of at least ${min}` };
    };
    switch (flag) {
      case '--env': {
        const v = value();
        if (!v) return { error: '--env needs a name' };
        args.env = v;
        break;
      }
      case '--json':
        args.json = true;
        break;
      case '--fail-on-status':
        args.failOnStatus = true;
        break;
      case '--on-conflict': {
        const v = value();
        if (v !== 'fail' && v !== 'rebase') return { error: '--on-conflict is fail or rebase' };
        args.onConflict = v;
        break;
      }
      case '--retries': {
        const n = count('--retries', 0);
        if (typeof n !== 'number') return n;
        args.retries = n;
        break;
      }
      case '--writers': {
        const n = count('--writers', 2);
        if (typeof n !== 'number') return n;
        args.writers = n;
        break;
      }
      case '--timeout': {
        const n = count('--timeout', 1);
        if (typeof n !== 'number') return n;
        args.timeoutMs = n;
        break;
      }
      case '--max-size': {
        const n = count('--max-size', 1);
        if (typeof n !== 'number') return n;
        args.maxSizeMb = n;
        break;
      }
      case '--insecure':
        args.insecure = true;
        break;
      case '--no-redirect':
        args.noRedirect = true;
        break;
      case '--snapshots': {
        const v = value();
        if (!v) return { error: '--snapshots needs a folder' };
        args.snapshots = v;
        break;
      }
      case '--allow-includes-outside': {
        const v = value();
        if (!v) return { error: '--allow-includes-outside needs a folder' };
        allowed.push(v);
        break;
      }
      case '--no-scripts':
        args.noScripts = true;
        break;
      case '--junit': {
        const v = value();
        if (!v) return { error: '--junit needs a file' };
        args.junit = v;
        break;
      }
      case '-v':
      case '--verbose':
        args.verbose = true;
        break;
      case '--baseline': {
        const v = value();
        if (!v) return { error: '--baseline needs a folder' };
        args.baseline = v;
        break;
      }
      case '--ignore': {
        const v = value();
        if (!v) return { error: '--ignore needs a JSON path such as $.updatedAt' };
        ignore.push(v);
        break;
      }
      case '--fail-on-change':
        args.failOnChange = true;
        break;
      case '--update-baseline':
        args.updateBaseline = true;
        break;
      default:
        if (flag.startsWith('-')) return { error: `unknown option "${flag}"` };
        targets.push(rest[i]);
    }
  }
  if (targets.length === 0) return { error: `${command} needs a file` };
  if (command !== 'check' && targets.length > 1) return { error: `${command} takes one file` };
  if (!args.baseline && (ignore.length || args.failOnChange || args.updateBaseline))
    return { error: '--ignore, --fail-on-change and --update-baseline need --baseline DIR' };
  if (args.baseline && command !== 'run' && command !== 'send')
    return { error: `--baseline works with run and send, not ${command}` };
  return args;
}

/** `file.http`, `file.http:12` (1-based line) or `file.http#name`. */
export function parseTarget(target: string): { file: string; line?: number; name?: string } {
  const hash = target.lastIndexOf('#');
  if (hash > 0) return { file: target.slice(0, hash), name: target.slice(hash + 1) };
  const m = /^(.*):(\d+)$/.exec(target);
  if (m) return { file: m[1], line: Number(m[2]) };
  return { file: target };
}

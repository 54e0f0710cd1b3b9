// Every bench case runs in its own Node process, started by run.mjs with `--key value`
// arguments; it prints one JSON line with its measurements on stdout.
export function readArgs(argv: readonly string[] = process.argv.slice(2)): Map<string, string> {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('--')) continue;
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) args.set(argv[i].slice(2), 'true');
    else args.set(argv[i].slice(2), argv[++i]);
  }
  return args;
}

export function numberArg(args: Map<string, string>, name: string): number {
  const value = Number(args.get(name));
  if (!Number.isFinite(value)) throw new Error(`bench case needs --${name} <number>`);
  return value;
}

export function stringArg(args: Map<string, string>, name: string): string {
  const value = args.get(name);
  if (value === undefined) throw new Error(`bench case needs --${name} <value>`);
  return value;
}

/** The one line run.mjs reads back. */
export function report(result: object): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

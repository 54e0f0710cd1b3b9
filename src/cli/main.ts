// `http-conflicts`: the command-line runner over src/core.
const usage = `usage: http-conflicts send FILE[:LINE|#NAME] | run FILE [--env NAME] [--json]`;

function main(argv: string[]): number {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
    console.log(usage);
    return argv.length === 0 ? 2 : 0;
  }
  console.error(`http-conflicts: unknown command "${argv[0]}"\n${usage}`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));

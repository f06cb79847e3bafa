export interface CliArgs {
  positional: string[];
  flags: Record<string, string | true>;
}

/** `token create --name N --json` -> { positional: ['token','create'], flags: { name: 'N', json: true } } */
export function parseCliArgs(argv: string[]): CliArgs {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const next = argv[i + 1];
    if (inline !== undefined) flags[name] = inline;
    else if (next !== undefined && !next.startsWith('--')) flags[name] = argv[++i];
    else flags[name] = true;
  }
  return { positional, flags };
}

export function stringFlag(args: CliArgs, name: string): string | undefined {
  const value = args.flags[name];
  if (value === true) throw new Error(`--${name} needs a value`);
  return value;
}

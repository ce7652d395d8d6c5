// Command-line flags, on top of node:util's parseArgs, with every mistake turned into a
// UsageError: unknown flags, missing values, a flag given twice, more than one query.
import { parseArgs } from 'node:util';
import { UsageError } from './errors.ts';

export type FlagSpec = Record<string, { type: 'string' | 'boolean' }>;

export interface ParsedArgs {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
}

export function parseFlags(argv: string[], flags: FlagSpec): ParsedArgs {
  const options = { ...flags, help: { type: 'boolean' as const, short: 'h' } };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true, tokens: true });
  } catch (err) {
    // parseArgs' messages say what was wrong and how to write it; keep their first line
    const text = err instanceof Error ? err.message : String(err);
    throw new UsageError(text.split('\n')[0]);
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} is given more than once`);
    seen.add(token.name);
  }
  return { positionals: parsed.positionals, values: parsed.values as ParsedArgs['values'] };
}

/** The single query argument ('' means every default). */
export function queryArgument(positionals: string[]): string {
  if (positionals.length === 0) throw new UsageError("missing the query, e.g. 'k=3&beta=0.2&n=300' ('' for every default)");
  if (positionals.length > 1) {
    throw new UsageError(`expected one query, got ${positionals.length} arguments (${positionals.map((p) => JSON.stringify(p)).join(' ')}); quote the query`);
  }
  return positionals[0];
}

/** A flag's text as a strictly positive whole number. */
export function positiveInteger(name: string, text: string, max: number): number {
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`--${name} "${text}" is not a whole number`);
  const x = Number(text);
  if (x < 1) throw new UsageError(`--${name} ${text} must be at least 1`);
  if (x > max) throw new UsageError(`--${name} ${text} is more than ${max}`);
  return x;
}

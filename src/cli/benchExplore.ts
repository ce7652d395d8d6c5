// benchExplore: prints the explore panel's timings (see exploreFigures.ts) as JSON.
import { exploreFigures } from './exploreFigures.ts';
import { runCommand, UsageError } from './errors.ts';
import { readableJson } from './json.ts';

const USAGE = `usage: npx tsx src/cli/benchExplore.ts

Times, single-threaded: the basin map of 10⁴ starting points on S² (d = 3, k = 3, p = 3,
β = 0.2 and 0.3), and a β sweep of 11 points × 4 trials at n = 100, d = 1000.
Prints JSON with seconds (best of 3), right-hand-side evaluations per second and the outcomes.
`;

function main(argv: string[]): void {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return;
  }
  if (argv.length > 0) throw new UsageError(`benchExplore takes no arguments (got ${JSON.stringify(argv[0])})`);
  process.stdout.write(`${readableJson(exploreFigures())}\n`);
}

runCommand('benchExplore', () => main(process.argv.slice(2)));

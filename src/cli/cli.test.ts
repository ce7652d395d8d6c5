// The three commands as a user runs them: child processes, stdout parsed as JSON or CSV,
// exit codes and stderr checked. Expected numbers come from the science's closed forms or
// from the core run in this process, never from the CLI's own output.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../core/model/model.ts';
import { runToEnd } from '../core/outcomes/run.ts';
import { decode, modelSpecOf } from '../url/codec.ts';
import { inPairs, ROOT, runCli, type Result } from './childProcesses.ts';
import { parseConfigHeader } from '../url/configHeader.ts';

/** `node --import tsx src/cli/<command>.ts args…` */
const cli = (command: 'flow' | 'sweep' | 'bench', args: string[]): Promise<Result> => runCli(command, args);

/** uᵀG⁻¹u for the equiangular G = (1−β)I + β11ᵀ (Sherman–Morrison). */
function equiangularQ(u: number[], beta: number): number {
  const k = u.length;
  const s = u.reduce((a, b) => a + b, 0);
  const uu = u.reduce((a, b) => a + b * b, 0);
  return (uu - (beta / (1 + (k - 1) * beta)) * s * s) / (1 - beta);
}

/** Residual of the fixed-point equation G φ'(u) = u (u·φ'(u)) for φ(t) = t³, equiangular G. */
function fixedPointResidual(u: number[], beta: number): number {
  const dphi = u.map((x) => 3 * x * x);
  const sum = dphi.reduce((a, b) => a + b, 0);
  const radial = u.reduce((a, x, j) => a + x * dphi[j], 0);
  return Math.max(...u.map((x, j) => Math.abs((1 - beta) * dphi[j] + beta * sum - x * radial)));
}

function expectUsageError(r: Result, pattern: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toMatch(/Error:|node:internal/);
}

const Q_SADDLE = 'k=3&beta=0.2&n=40&d=1000&seed=7';
const Q_MINIMUM = 'k=3&beta=0.3&n=40&d=1000&seed=7';
const Q_INIT = 'k=3&beta=0.2&n=3&d=1000';
const Q_SWEEP = 'k=3&n=12&d=1000&seed=3';

const dir = mkdtempSync(join(tmpdir(), 'flowsphere-cli-'));
const file = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const onSphere = (row: number[]): number[] => {
  const q = equiangularQ(row, 0.2);
  return row.map((x) => x / Math.sqrt(q));
};
const INIT_ROWS = [onSphere([0.9, 0.1, 0.1]), onSphere([0.1, 0.2, 0.9]), [-0.05, -0.05, -0.05]];

let saddle: Result, minimum: Result, gram: Result, init: Result, sweepJson: Result, sweepCsv: Result, bench: Result;

beforeAll(async () => {
  [saddle, minimum, gram, init, sweepJson, sweepCsv, bench] = await inPairs([
    () => cli('flow', [Q_SADDLE]),
    () => cli('flow', [Q_MINIMUM]),
    () => cli('flow', ['k=3&n=10&geom=gram&gram=1,0.1,0,0.1,1,0,0,0,1']),
    () => cli('flow', [Q_INIT, '--init', file('init.json', JSON.stringify(INIT_ROWS))]),
    () => cli('sweep', [Q_SWEEP, '--beta', '0.1:0.3:0.1', '--trials', '2']),
    () => cli('sweep', [Q_SWEEP, '--beta', '0.1:0.3:0.1', '--trials', '2', '--csv']),
    () => cli('bench', ['--n', '300']),
  ]);
}, 180000);

describe('flow', () => {
  it('prints one JSON object with the decoded parameters and the closed-form analysis', () => {
    expect(saddle.code, saddle.stderr).toBe(0);
    const out = JSON.parse(saddle.stdout);
    expect(out.params).toEqual(decode(Q_SADDLE).params);
    // β_c = (p*−2)/(k+p*−2) with p* = 3, k = 3
    expect(out.betaC).toEqual([(3 - 2) / (3 + 3 - 2)]);
    const u = Math.sqrt((1 + 2 * 0.2) / 3);
    expect(out.average.overlap).toBeCloseTo(u, 12);
    // φ = t³: μ_span = k u φ'(u) − (1−β) φ''(u) = 9u³ − 6(1−β)u, μ_perp = 9u³
    expect(out.average.muSpan).toBeCloseTo(9 * u ** 3 - 6 * 0.8 * u, 12);
    expect(out.average.muPerp).toBeCloseTo(9 * u ** 3, 12);
    expect(out.average.kind).toBe('saddle');
    expect(out.tol).toBe(0.05);
    expect(out.t).toBeGreaterThan(100);
    expect(out.warnings).toEqual([]);
    expect(out.failed).toBe(0);
  });

  it('reports neurons that add up to n and final overlaps on the sphere', () => {
    const out = JSON.parse(saddle.stdout);
    const c = out.counts;
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(c.attracted) + c.atAverage + c.other).toBe(40);
    expect(c.otherKinds.antiAverage + c.otherKinds.equator + c.otherKinds.unsettled + c.otherKinds.failed).toBe(c.other);
    c.recovered.forEach((r: number, j: number) => expect(r).toBeLessThanOrEqual(c.attracted[j]));
    expect(out.allRecovered).toBe(c.recovered.every((r: number) => r > 0));
    expect(out.u).toHaveLength(40);
    for (const row of out.u) {
      expect(row).toHaveLength(3);
      expect(equiangularQ(row, 0.2)).toBeLessThanOrEqual(1 + 1e-9);
    }
  });

  it('gives exactly the counts and overlaps of runToEnd in this process (same seed, same run)', () => {
    for (const [query, result] of [[Q_SADDLE, saddle], [Q_MINIMUM, minimum]] as const) {
      const run = runToEnd(buildModel(modelSpecOf(decode(query).params)));
      const out = JSON.parse(result.stdout);
      expect(out.counts).toEqual(run.counts);
      expect(out.allRecovered).toBe(run.allRecovered);
      expect(out.u.flat()).toEqual(Array.from(run.u));
    }
  });

  it('flips the average point from saddle to minimum across β_c = 1/4, and neurons gather there', () => {
    const below = JSON.parse(saddle.stdout);
    const above = JSON.parse(minimum.stdout);
    expect(below.average.kind).toBe('saddle');
    expect(below.average.muSpan).toBeLessThan(0);
    expect(above.average.kind).toBe('minimum');
    expect(above.average.muSpan).toBeGreaterThan(0);
    expect(below.counts.atAverage).toBe(0);
    expect(above.counts.atAverage).toBeGreaterThan(20);
  });

  it('has no average point for a custom Gram matrix', () => {
    expect(gram.code, gram.stderr).toBe(0);
    expect(JSON.parse(gram.stdout).average).toBeNull();
  });

  it('--init starts from the file: each row ends at the fixed point its largest overlap picks', () => {
    expect(init.code, init.stderr).toBe(0);
    const out = JSON.parse(init.stdout);
    expect(out.init).toBe('file');
    expect(out.counts.attracted).toEqual([1, 0, 1]);
    expect(out.counts.otherKinds.equator).toBe(1);
    const [first, second, third] = out.u as number[][];
    expect(first[0]).toBeGreaterThan(0.95);
    expect(second[2]).toBeGreaterThan(0.95);
    // both ended at a zero of the overlap ODE, checked from the formula
    expect(fixedPointResidual(first, 0.2)).toBeLessThan(1e-6);
    expect(fixedPointResidual(second, 0.2)).toBeLessThan(1e-6);
    // all overlaps negative (odd p): the neuron creeps towards the equator u = 0
    for (const x of third) expect(Math.abs(x)).toBeLessThan(0.05);
  });
});

describe('sweep', () => {
  const rowsOfRuns = () =>
    [0.1, 0.2, 0.3].map((beta) => {
      const params = decode(Q_SWEEP).params;
      let recovered = 0, atAverage = 0, all = 0;
      for (const seed of [3, 4]) {
        const run = runToEnd(buildModel(modelSpecOf({ ...params, beta, seed })));
        recovered += run.counts.recovered.reduce((a, b) => a + b, 0) / 12 / 2;
        atAverage += run.counts.atAverage / 12 / 2;
        all += run.allRecovered ? 0.5 : 0;
      }
      return { beta, recovered, atAverage, all };
    });

  it('prints one row per β, B included, matching runs of seeds seed and seed+1 in this process', () => {
    expect(sweepJson.code, sweepJson.stderr).toBe(0);
    const { rows } = JSON.parse(sweepJson.stdout);
    expect(rows.map((r: { beta: number }) => r.beta)).toEqual([0.1, 0.2, 0.3]);
    rowsOfRuns().forEach((expected, i) => {
      const row = rows[i];
      expect(row.trials).toBe(2);
      expect(row.recoveredFraction).toBeCloseTo(expected.recovered, 12);
      expect(row.atAverageFraction).toBeCloseTo(expected.atAverage, 12);
      expect(row.allRecoveredRate).toBe(expected.all);
      expect(row.betaC).toEqual([0.25]);
    });
    expect(rows[0].atAverageFraction).toBe(0);
    expect(rows[2].atAverageFraction).toBeGreaterThan(0.5);
  });

  it('reports progress on stderr, one line per β', () => {
    const lines = sweepJson.stderr.trim().split('\n');
    expect(lines.slice(0, 3).map((l) => l.replace(/ [\d.]+s$/, ''))).toEqual(['beta 0.1 (1/3)', 'beta 0.2 (2/3)', 'beta 0.3 (3/3)']);
  });

  it('--csv prints the configuration, a header and the same rows', () => {
    expect(sweepCsv.code, sweepCsv.stderr).toBe(0);
    const { config, body } = parseConfigHeader(sweepCsv.stdout);
    expect(config.get('beta')).toBe('0.1:0.3:0.1');
    expect(config.get('trials')).toBe('2');
    expect(decode(config.get('query')!).params).toMatchObject({ k: 3, n: 12, d: 1000, seed: 3 });
    const [header, ...lines] = body.trim().split('\n');
    const cols = header.split(',');
    expect(cols).toEqual(expect.arrayContaining(['beta', 'trials', 'recoveredFraction', 'atAverageFraction', 'allRecoveredRate', 'betaC']));
    const { rows } = JSON.parse(sweepJson.stdout);
    expect(lines).toHaveLength(3);
    lines.forEach((line, i) => {
      const cells = line.split(',');
      for (const key of ['beta', 'recoveredFraction', 'atAverageFraction', 'allRecoveredRate']) {
        expect(Number(cells[cols.indexOf(key)])).toBe(rows[i][key]);
      }
      expect(cells[cols.indexOf('betaC')]).toBe('0.25');
    });
  });
});

describe('bench', () => {
  it('prints throughput of the integrator and of the hand loop, and their ratio', () => {
    expect(bench.code, bench.stderr).toBe(0);
    const out = JSON.parse(bench.stdout);
    expect(out.config).toMatchObject({ n: 300, k: 3, p: 3, beta: 0.2, d: 1000 });
    expect(out.integrator.rhsEvals).toBeGreaterThan(out.integrator.accepted * 6);
    expect(out.integrator.rhsEvalsPerSecond).toBeGreaterThan(1e5);
    expect(out.integrator.acceptedStepsPerSecond).toBeGreaterThan(1e4);
    expect(out.handLoop.rhsEvalsPerSecond).toBeGreaterThan(1e6);
    expect(out.ratio.integratorToHand).toBeCloseTo(out.integrator.rhsEvalsPerSecond / out.handLoop.rhsEvalsPerSecond, 2);
  });
});

describe('a failure inside a command', () => {
  it('prints one line and exits 1, without a stack trace, for thrown and rejected errors', async () => {
    const crash = (body: string) =>
      new Promise<Result>((resolve) => {
        const script = `import('./src/cli/errors.ts').then((m) => m.runCommand('flow', ${body}))`;
        execFile(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT }, (err, stdout, stderr) => {
          resolve({ code: err && typeof err.code === 'number' ? err.code : 0, stdout, stderr });
        });
      });
    const [sync, async] = await Promise.all([
      crash("() => { throw new TypeError('boom'); }"),
      crash("async () => { await null; throw new RangeError('late'); }"),
    ]);
    expect(sync).toEqual({ code: 1, stdout: '', stderr: 'flow: internal error: boom\n' });
    expect(async).toEqual({ code: 1, stdout: '', stderr: 'flow: internal error: late\n' });
  });
});

describe('bad input: a message on stderr, exit 2, no stack trace', () => {
  const rowsFile = (rows: unknown) => file(`rows-${Math.random().toString(36).slice(2)}.json`, JSON.stringify(rows));
  const cases: [string, 'flow' | 'sweep' | 'bench', () => string[], RegExp][] = [
    ['unknown query key', 'flow', () => ['k=3&bogus=1'], /bogus: unknown parameter \(ignored\)/],
    ['bad query value', 'flow', () => ['beta=abc'], /beta: "abc" is not a finite number \(using 0\.2\)/],
    ['out-of-range value', 'flow', () => ['n=0'], /n: 0 is outside \[1, 100000\]/],
    ['non-PSD Gram matrix', 'flow', () => ['k=3&geom=gram&gram=1,0.9,-0.9,0.9,1,0.9,-0.9,0.9,1'], /gram: .*not positive semidefinite/],
    ['missing query', 'flow', () => [], /missing the query/],
    ['two queries', 'flow', () => ['k=3', 'n=4'], /expected one query, got 2/],
    ['unknown flag', 'flow', () => ['k=3', '--bogus'], /Unknown option '--bogus'/],
    ['--init without a file', 'flow', () => ['k=3', '--init'], /--init <value>' argument missing/],
    ['--init given twice', 'flow', () => [Q_INIT, '--init', 'a', '--init', 'b'], /--init is given more than once/],
    ['--init file missing', 'flow', () => [Q_INIT, '--init', join(dir, 'nope.json')], /cannot read the file \(ENOENT\)/],
    ['--init not JSON', 'flow', () => [Q_INIT, '--init', file('bad.json', '[[0.1, 0.2,')], /not valid JSON/],
    ['--init not an array', 'flow', () => [Q_INIT, '--init', rowsFile({ u: 1 })], /expected a JSON array of 3 rows of 3 numbers/],
    ['--init wrong row count', 'flow', () => [Q_INIT, '--init', rowsFile([[0, 0, 0]])], /has 1 rows, but the query has n = 3/],
    ['--init wrong row length', 'flow', () => [Q_INIT, '--init', rowsFile([[0, 0, 0], [0, 0], [0, 0, 0]])], /row 2 has 2 entries, but the query has k = 3/],
    ['--init non-number', 'flow', () => [Q_INIT, '--init', rowsFile([[0, 0, 0], [0, 0, 0], [0, '0.1', 0]])], /row 3 entry 2 \("0\.1"\) is not a finite number/],
    ['--init off the sphere', 'flow', () => [Q_INIT, '--init', rowsFile([[0, 0, 0], [0.9, 0.9, 0.9], [0, 0, 0]])], /row 2 has uᵀG⁻¹u = 1\.73\d* > 1/],
    ['sweep without --beta', 'sweep', () => [Q_SWEEP, '--trials', '2'], /missing --beta/],
    ['sweep without --trials', 'sweep', () => [Q_SWEEP, '--beta', '0:0.1:0.1'], /missing --trials/],
    ['malformed --beta', 'sweep', () => [Q_SWEEP, '--beta', '0:0.5', '--trials', '2'], /"0:0\.5" is not A:B:STEP/],
    ['--beta with words', 'sweep', () => [Q_SWEEP, '--beta', '0:x:0.1', '--trials', '2'], /is not A:B:STEP/],
    ['reversed --beta', 'sweep', () => [Q_SWEEP, '--beta', '0.5:0.1:0.1', '--trials', '2'], /B = 0\.1 is below A = 0\.5/],
    ['zero STEP', 'sweep', () => [Q_SWEEP, '--beta', '0:0.5:0', '--trials', '2'], /STEP = 0 must be positive/],
    ['β beyond the schema', 'sweep', () => [Q_SWEEP, '--beta', '0:1.5:0.5', '--trials', '2'], /β = 1 is outside \[0, 0\.99\]/],
    ['zero trials', 'sweep', () => [Q_SWEEP, '--beta', '0:0.1:0.1', '--trials', '0'], /--trials 0 must be at least 1/],
    ['fractional trials', 'sweep', () => [Q_SWEEP, '--beta', '0:0.1:0.1', '--trials', '1.5'], /--trials "1\.5" is not a whole number/],
    ['--csv with a value', 'sweep', () => [Q_SWEEP, '--beta', '0:0.1:0.1', '--trials', '1', '--csv=yes'], /'--csv' does not take an argument/],
    ['sweep of an orthogonal geometry', 'sweep', () => ['geom=orth', '--beta', '0:0.1:0.1', '--trials', '1'], /geom=orth, but --beta sweeps/],
    ['sweep on zero threads', 'sweep', () => [Q_SWEEP, '--beta', '0:0.1:0.1', '--trials', '1', '--jobs', '0'], /--jobs 0 must be at least 1/],
    ['bench with zero neurons', 'bench', () => ['--n', '0'], /--n 0 must be at least 1/],
    ['bench k beyond the schema', 'bench', () => ['--k', '99'], /k: 99 is outside \[1, 16\]/],
    ['bench with a query', 'bench', () => ['k=3'], /bench takes no query/],
  ];
  let results: Result[];
  beforeAll(async () => {
    results = await inPairs(cases.map(([, command, args]) => () => cli(command, args())));
  }, 180000);
  cases.forEach(([name, , , pattern], i) => {
    it(name, () => expectUsageError(results[i], pattern));
  });
});

// `sweep <experiment>` as a user runs it, in child processes: the table does not depend on the
// number of worker threads or on how the jobs were sharded and merged, a run killed half way
// and resumed from its --out file gives the same table, and bad grids or shard specs exit 2.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfigHeader } from '../url/configHeader.ts';
import { SCHEMA_VERSION } from '../url/schema.ts';
import { inPairs, ROOT, runCli, type Result } from './childProcesses.ts';

const dir = mkdtempSync(join(tmpdir(), 'flowsphere-sweep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sweep = (args: string[]): Promise<Result> => runCli('sweep', args);

const PHASE = ['phase', 'k=3&n=10&d=100&seed=4', '--to', '0.5', '--points', '3', '--kFrom', '2', '--kTo', '3', '--trials', '2', '--csv'];

describe('sweep phase: the same table from 1 or 2 threads and from 3 merged shards', () => {
  let one: Result, two: Result, merged: Result, mergedJson: Result, json: Result;
  const shards: Result[] = [];
  beforeAll(async () => {
    const runs = await inPairs([
      () => sweep([...PHASE, '--jobs', '1']),
      () => sweep([...PHASE, '--jobs', '2']),
      () => sweep([...PHASE.slice(0, -1), '--json', '--jobs', '1']),
      ...[1, 2, 3].map((i) => () => sweep([...PHASE, '--jobs', '1', '--shard', `${i}/3`])),
    ]);
    [one, two, json] = runs;
    shards.push(...runs.slice(3));
    const files = shards.map((s, i) => {
      const path = join(dir, `shard-${i + 1}.jsonl`);
      writeFileSync(path, s.stdout);
      return path;
    });
    // the shards in another order: merge sorts
    [merged, mergedJson] = await inPairs([() => sweep(['merge', files[2], files[0], files[1], '--csv']), () => sweep(['merge', ...files])]);
  }, 240000);

  it('prints the configuration, then one row per (k, β)', () => {
    expect(one.code, one.stderr).toBe(0);
    const { config, body } = parseConfigHeader(one.stdout);
    expect(config.get('experiment')).toBe('phase');
    expect(config.get('grid')).toBe('0,0.25,0.5');
    expect(config.get('ks')).toBe('2,3');
    expect(config.get('trials')).toBe('2');
    expect(config.get('schema')).toBe(String(SCHEMA_VERSION));
    expect(config.get('version')).toMatch(/^\d+\.\d+\.\d+/);
    // the query is a permalink of the whole configuration, and the run prints it as a link
    expect(config.get('query')).toMatch(/&sw=phase&.*swTo=0\.5&swPoints=3&swTrials=2&swN=10&.*swKFrom=2&swKTo=3/);
    expect(one.stderr).toContain(`open in the app: http://127.0.0.1:5173/?${config.get('query')}`);
    const lines = body.trim().split('\n');
    expect(lines[0]).toBe('beta,k,trials,n,atAverageFraction,recoveredFraction,failed');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['0,2', '0.25,2', '0.5,2', '0,3', '0.25,3', '0.5,3']);
    // β = 0.5 is above β_c(k) = 1/(k+1) for k = 2, 3 (p = 3): nearly all end at the average; β = 0: none
    const atAverage = (beta: string) => lines.filter((l) => l.startsWith(`${beta},`)).map((l) => Number(l.split(',')[4]));
    expect(Math.min(...atAverage('0.5'))).toBeGreaterThan(0.9);
    expect(atAverage('0')).toEqual([0, 0]);
  });

  it('--jobs 2 gives the bytes of --jobs 1', () => {
    expect(two.code, two.stderr).toBe(0);
    expect(two.stdout).toBe(one.stdout);
  });

  it('shards write the header and their own interleaved jobs as JSON lines', () => {
    shards.forEach((s, i) => {
      expect(s.code, s.stderr).toBe(0);
      const { config, body } = parseConfigHeader(s.stdout);
      expect([...config]).toEqual([...parseConfigHeader(one.stdout).config]);
      const jobs = body.trim().split('\n').map((l) => JSON.parse(l).job).sort((a, b) => a - b);
      expect(jobs).toEqual([0, 1, 2, 3].map((m) => i + 3 * m));
    });
  });

  it('merge of the shards gives the bytes of a single run, CSV and JSON', () => {
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toBe(one.stdout);
    expect(mergedJson.code, mergedJson.stderr).toBe(0);
    expect(mergedJson.stdout).toBe(json.stdout);
    const out = JSON.parse(json.stdout);
    expect(out.config.experiment).toBe('phase');
    expect(out.rows).toHaveLength(6);
  });

  it('merge refuses a missing shard, naming the missing jobs', async () => {
    const r = await sweep(['merge', join(dir, 'shard-1.jsonl'), join(dir, 'shard-3.jsonl')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/hold 8 of the 12 jobs; missing 4: 1, 4, 7, 10/);
  }, 60000);
});

describe('--out: a run killed half way and resumed gives the table of an uninterrupted run', () => {
  const ARGS = ['beta', 'k=3&n=30&d=1000&seed=9', '--from', '0.1', '--to', '0.4', '--points', '4', '--trials', '5', '--csv'];
  const out = join(dir, 'killed.jsonl');
  let whole: Result, resumed: Result, killedLines = 0;

  beforeAll(async () => {
    whole = await sweep([...ARGS, '--jobs', '2']);
    // a run on one thread, killed once a few jobs are in the file
    await new Promise<void>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/sweep.ts', ...ARGS, '--jobs', '1', '--out', out], { cwd: ROOT, stdio: 'ignore' });
      const timer = setInterval(() => {
        const records = existsSync(out) ? readFileSync(out, 'utf8').split('\n').filter((l) => l.startsWith('{')).length : 0;
        if (records >= 4) {
          child.kill('SIGKILL');
          clearInterval(timer);
        }
      }, 10);
      child.on('exit', () => {
        clearInterval(timer);
        resolve();
      });
    });
    killedLines = readFileSync(out, 'utf8').split('\n').filter((l) => l.startsWith('{')).length;
    // and the record it was writing when it died, cut short
    appendFileSync(out, '{"job":17,"point":1,"trial":4,"n":30,"reco');
    resumed = await sweep([...ARGS, '--jobs', '2', '--out', out]);
  }, 240000);

  it('was killed with some but not all jobs done', () => {
    expect(whole.code, whole.stderr).toBe(0);
    expect(killedLines).toBeGreaterThanOrEqual(4);
    expect(killedLines).toBeLessThan(20);
  });

  it('resumes: skips what is in the file, reruns the torn job, prints the same table', () => {
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/last line was cut short/);
    expect(resumed.stderr).toMatch(new RegExp(`${killedLines} of 20 jobs already done`));
    expect(resumed.stdout).toBe(whole.stdout);
    const jobs = readFileSync(out, 'utf8').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l).job);
    expect(jobs.slice().sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('a finished file prints its table without running anything, and merge reads it too', async () => {
    const [again, merged] = await inPairs([() => sweep([...ARGS, '--out', out]), () => sweep(['merge', out, '--csv'])]);
    expect(again.stdout).toBe(whole.stdout);
    expect(again.stderr).toMatch(/20 of 20 jobs already done/);
    expect(merged.stdout).toBe(whole.stdout);
  }, 60000);

  it('refuses an --out file of another configuration', async () => {
    const r = await sweep([...ARGS.slice(0, -3), '--trials', '6', '--csv', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/holds the records of another configuration \(query is .*swTrials=5.* there but .*swTrials=6.* here\)/);
  }, 60000);
});

describe('bad grids and shard specs: exit 2 with a message, before any job runs', () => {
  const BETA = ['beta', 'k=3&n=10&d=100'];
  const cases: [string, string[], RegExp][] = [
    ['grid value out of the schema range', [...BETA, '--to', '1.5'], /swTo: 1\.5 is outside \[0, 0\.99\]/],
    ['grid value not a number', [...BETA, '--points', 'many'], /swPoints: "many" is not a finite number/],
    ['reversed range', [...BETA, '--from', '0.5', '--to', '0.2'], /swTo = 0\.2 is below swFrom = 0\.5/],
    ['too few points', [...BETA, '--points', '1'], /swPoints: 1 is below 2/],
    ['reversed k range', ['phase', 'k=3', '--kFrom', '6', '--kTo', '3'], /swKTo = 3 is below swKFrom = 6/],
    ['d below k', ['escape', 'k=16', '--dFrom', '10', '--dTo', '100', '--points', '2'], /at d = 10: .*point skipped/],
    ['a grid key twice', [...BETA, '--to', '0.3', '--swTo', '0.4'], /swTo is given twice/],
    ['a grid key in the query and as a flag', ['beta', 'k=3&swTo=0.3', '--to', '0.4'], /swTo is set both in the query and by a grid flag/],
    ['a link of another sweep', ['phase', 'k=3&sw=beta'], /the query has sw=beta, another experiment than phase/],
    ['basin with trials', ['basin', 'k=3', '--trials', '4'], /basin map has no grid flags \(swTrials\)/],
    ['basin of k = 4', ['basin', 'k=4'], /at most 3 index vectors, not k = 4/],
    ['basin with too few cells', ['basin', 'k=3', '--cells', '3'], /--cells 3 is outside \[8, 200000\]/],
    ['shard not I/N', [...BETA, '--shard', '2'], /--shard "2" is not I\/N/],
    ['shard zero', [...BETA, '--shard', '0/3'], /I = 0 must be between 1 and N = 3/],
    ['shard beyond N', [...BETA, '--shard', '4/3'], /I = 4 must be between 1 and N = 3/],
    ['zero shards', [...BETA, '--shard', '1/0'], /N = 0 must be between 1/],
    ['zero threads', [...BETA, '--jobs', '0'], /--jobs 0 must be at least 1/],
    ['csv and json', [...BETA, '--csv', '--json'], /--csv and --json exclude each other/],
    ['merge of nothing', ['merge'], /merge needs the record files/],
    ['merge of a table', ['merge', 'README.md'], /README\.md has no configuration header/],
  ];
  let results: Result[];
  beforeAll(async () => {
    results = await inPairs(cases.map(([, args]) => () => sweep(args)));
  }, 240000);
  cases.forEach(([name, , pattern], i) => {
    it(name, () => {
      const r = results[i];
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr).not.toMatch(/^\s+at |node:internal/m);
    });
  });
});

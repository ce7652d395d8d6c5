// Online SGD from the command line: `flow` with dyn=sgd prints the flow's JSON plus its samples
// and agrees with the core; too large a run is refused with the estimate; `sgd-escape` prints
// the slopes beside p* − 1 and p*/2 − 1.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../core/model/model.ts';
import { runToEnd } from '../core/outcomes/run.ts';
import { decode, modelSpecOf } from '../url/codec.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function cli(file: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', `src/cli/${file}`, ...args], { cwd: ROOT, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

describe('flow with dyn=sgd', () => {
  it('prints the counts and overlaps of the core’s SGD run, samples = round(T/η), and the plan', async () => {
    const query = 'dyn=sgd&d=60&n=12&k=2&beta=0.1&T=2&seed=4';
    const r = await cli('flow.ts', [query]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    const core = runToEnd(buildModel(modelSpecOf(decode(query).params)));
    expect(out.counts).toEqual(JSON.parse(JSON.stringify(core.counts)));
    expect(out.u.flat()).toEqual(Array.from(core.u));
    const eta = 0.05 * 60 ** -1.5;
    expect(out.sampling.eta).toBeCloseTo(eta, 15);
    expect(out.samples).toBe(Math.round(2 / eta));
    expect(out.sampling.reference).toBe(3600);
  });

  it('refuses a run beyond the work limit with the estimate (exit 2)', async () => {
    const r = await cli('flow.ts', ['dyn=sgd&n=300&d=1000']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/dyn: online SGD with n = 300, d = 1000 needs .* samples .*n·d·samples ≈ \d\.\d+e\+14, more than the limit/);
  });
});

describe('sgd-escape', () => {
  it('prints per-d rows and the fitted slope beside p* − 1 and p*/2 − 1', async () => {
    const r = await cli('sgdEscape.ts', ['k=1&p=3&n=4&geom=orth', '--d', '20,40', '--trials', '1', '--default-only']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.theory).toEqual({ samplesSlope: 2, flowTimeSlope: 0.5 });
    expect(out.defaultEta.rows.map((x: { d: number }) => x.d)).toEqual([20, 40]);
    expect(out.fixedEta).toBeUndefined();
    expect(Number.isFinite(out.defaultEta.slope)).toBe(true);
    expect(r.stderr).toContain('default η d=40 trial 1/1');
  });

  it('rejects bad flags with a clear message', async () => {
    const bad = await cli('sgdEscape.ts', ['k=1', '--d', '50,40']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('dimensions must increase');
    const one = await cli('sgdEscape.ts', ['k=1', '--d', '50']);
    expect(one.stderr).toContain('at least two dimensions');
  });
});

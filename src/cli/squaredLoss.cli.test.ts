// The squared loss on the command line: flow reports E[(f − f*)²] and the covered index
// vectors, compare=loss adds the second run, sweep puts both losses in one table, and too many
// neurons for the coupled flow are refused. Expected numbers come from the core in this process.
import { parseConfigHeader } from '../url/configHeader.ts';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../core/model/model.ts';
import { runToEnd } from '../core/outcomes/run.ts';
import { decode, modelSpecOf } from '../url/codec.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function cli(command: 'flow' | 'sweep', args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', `src/cli/${command}.ts`, ...args], { cwd: ROOT, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

const core = (query: string) => runToEnd(buildModel(modelSpecOf(decode(query).params)));

describe('flow and sweep with loss=mse', () => {
  const query = 'loss=mse&k=3&n=6&d=100&beta=0.3&T=60&seed=2';

  it('flow prints the core\'s counts, E[(f − f*)²] and the covered index vectors', async () => {
    const r = await cli('flow', [query]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const run = core(query);
    expect(out.counts).toEqual(JSON.parse(JSON.stringify(run.counts)));
    expect(out.generalizationError).toBe(run.generalizationError);
    expect(out.covered).toBe(run.counts.recovered.filter((c) => c > 0).length);
    expect(out.params.loss).toBe('mse');
  });

  it('flow with compare=loss adds the other loss from the same start', async () => {
    const r = await cli('flow', [`${query}&compare=loss`]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const other = core(query.replace('loss=mse', 'loss=corr'));
    expect(out.compared.label).toBe('loss=corr');
    expect(out.compared.counts).toEqual(JSON.parse(JSON.stringify(other.counts)));
    expect(out.compared.generalizationError).toBeUndefined();
  });

  it('sweep with compare=loss gives one table with a row per β and loss', async () => {
    const r = await cli('sweep', ['k=3&n=5&d=100&T=40&compare=loss', '--beta', '0.1:0.3:0.2', '--trials', '2', '--csv']);
    expect(r.code).toBe(0);
    const lines = parseConfigHeader(r.stdout).body.trim().split('\n');
    expect(lines[0].endsWith(',loss,coveredMean,generalizationError')).toBe(true);
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.map((c) => [c[0], c[13]])).toEqual([['0.1', 'corr'], ['0.1', 'mse'], ['0.3', 'corr'], ['0.3', 'mse']]);
    // the correlation loss has no generalization error to report; the squared loss does
    expect(rows[0][15]).toBe('');
    expect(Number(rows[1][15])).toBeGreaterThan(0);
  });

  it('a sweep without mse keeps its old columns', async () => {
    const r = await cli('sweep', ['k=3&n=5&d=100&T=40', '--beta', '0.1:0.1:0.1', '--trials', '1', '--csv']);
    expect(parseConfigHeader(r.stdout).body.split('\n')[0]).toBe('beta,trials,n,recoveredFraction,attractedFraction,atAverageFraction,otherFraction,allRecoveredRate,failed,averageKind,betaC,betaFold,minimumOverlap');
  });

  it('refuses too many neurons for loss=mse, and a comparison a sweep cannot make', async () => {
    const r = await cli('flow', ['loss=mse&n=5000']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('n: n = 5000 is too many for loss=mse');
    const s = await cli('sweep', ['k=3&n=5&compare=beta:0.3', '--beta', '0.1:0.1:0.1', '--trials', '1']);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('compare=loss');
  });
});

import { SCHEMA_VERSION } from '../../url/schema.ts';
import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../core/model/model.ts';
import { runSweepSync, type SweepConfig } from '../../core/experiments/sweeps.ts';
import { parseConfigHeader } from '../../url/configHeader.ts';
import { betaStack, BETA_BINS } from './sweepCharts.ts';
import { sweepDynamicsNote } from './sweepForms.ts';
import { sweepTable } from './sweepTable.ts';

const BASE: ModelSpec = { k: 3, n: 8, d: 100, beta: 0.2, p: 3, sigma: '', target: '', drop012: false, geom: 'equi', gram: [], seed: 1, T: 0, tol: 0.05 };
const CONFIG: SweepConfig = { kind: 'beta', base: BASE, xs: [0.1, 0.25, 0.4], ks: [], trials: 2 };

describe('sweep tables and charts', () => {
  const { rows } = runSweepSync(CONFIG);

  it('the CSV starts with the configuration that made it, then the columns', () => {
    const text = sweepTable(CONFIG, rows, 'k=3&beta=0.2&sw=beta');
    const { config, body } = parseConfigHeader(text);
    expect(Object.fromEntries(config)).toMatchObject({ sweep: 'beta', k: '3', p: '3', d: '100', seed: '1', sigma: 'he3', target: 'he3', betaC: '0.25', grid: '0.1 0.25 0.4', trials: '2', query: 'k=3&beta=0.2&sw=beta', schema: String(SCHEMA_VERSION) });
    expect(config.get('version')).toMatch(/^\d+\.\d+\.\d+/);
    const lines = body.trim().split('\n');
    expect(lines[0].split(',')).toContain('attractedOnlyFraction');
    expect(lines).toHaveLength(4);
    // fractions of whole counts print as what they are: at most 17 significant digits, no float noise of sums
    for (const line of lines.slice(1)) for (const cell of line.split(',')) expect(cell).not.toMatch(/\d{6}9999|0000000\d$/);
  });

  it('the stacked bins of the β sweep sum to 1 at every β', () => {
    const stack = betaStack(rows);
    expect(stack).toHaveLength(rows.length * BETA_BINS.length);
    for (const x of CONFIG.xs) {
      const sum = stack.filter((s) => s.beta === x).reduce((a, s) => a + s.fraction, 0);
      expect(sum).toBeCloseTo(1, 12);
    }
    // and the bins are not trivially one: below β_c some neurons are recovered, above it most sit at the average
    expect(stack.find((s) => s.beta === 0.1 && s.bin === 'recovered')!.fraction).toBeGreaterThan(0.5);
    expect(stack.find((s) => s.beta === 0.4 && s.bin === 'at average w̄')!.fraction).toBeGreaterThan(0.5);
  });

  it('names online SGD in the header and on the card when the sweep runs it; a flow header is as it was', () => {
    const flow = parseConfigHeader(sweepTable(CONFIG, rows, 'k=3')).config;
    expect([...flow.keys()]).not.toContain('dyn');
    expect(sweepDynamicsNote(BASE)).toBeNull();
    const sgd: SweepConfig = { ...CONFIG, base: { ...BASE, dyn: 'sgd', eta: 0, batch: 2 } };
    const header = parseConfigHeader(sweepTable(sgd, [], 'k=3&dyn=sgd')).config;
    expect([...header.keys()]).toEqual([...[...flow.keys()].slice(0, [...flow.keys()].indexOf('tol') + 1), 'dyn', 'eta', 'batch', ...[...flow.keys()].slice([...flow.keys()].indexOf('tol') + 1)]);
    expect([header.get('dyn'), header.get('eta'), header.get('batch')]).toEqual(['sgd', 'default', '2']);
    expect(sweepDynamicsNote(sgd.base)).toContain('online SGD');
    expect(sweepDynamicsNote({ ...BASE, dyn: 'sgd', eta: 0.001, batch: 1 })).toContain('η = 0.001');
  });
});

// The app's sweep CSV: the one configuration header (`# key=value`, src/url/configHeader.ts)
// naming everything that made the table, then the columns of core/experiments/sweeps.ts. Numbers print
// as JavaScript's shortest round trip; fractions come from whole counts, so 0.125 stays 0.125.
import { traitsOf } from '../../core/dynamics/kind.ts';
import { betaCriticalCurve, sweepCsv, type SweepConfig, type SweepRowOut } from '../../core/experiments/sweeps.ts';
import { configHeader, type ConfigEntries } from '../../url/configHeader.ts';
import { SCHEMA_VERSION } from '../../url/schema.ts';
import { version } from '../../../package.json';

/** β_c of the sweep's kernel: one value, or `k:β_c` pairs over the phase diagram's rows ("none" where there is no root). */
function betaCText(config: SweepConfig): string {
  const ks = config.kind === 'phase' ? config.ks : [config.base.k];
  const bc = betaCriticalCurve(config.base, ks).map((b) => (Number.isFinite(b) ? String(b) : 'none'));
  return config.kind === 'phase' ? ks.map((k, i) => `${k}:${bc[i]}`).join(' ') : bc[0];
}

function sweepHeaderEntries(config: SweepConfig, query: string): ConfigEntries {
  const b = config.base;
  return [
    ['sweep', config.kind],
    ['k', config.kind === 'phase' ? config.ks.join(' ') : b.k],
    ['p', b.p],
    ['d', config.kind === 'escape' ? 'grid' : b.d],
    ['n', config.kind === 'coupon' ? 'grid' : b.n],
    ['seed', b.seed],
    // empty activations mean the Hermite polynomial of degree p: written out, so the file says what ran
    ['sigma', b.sigma || `he${b.p}`],
    ['target', b.target || `he${b.p}`],
    ['drop012', b.drop012],
    ['geom', config.kind === 'coupon' ? 'orth' : config.kind === 'escape' ? b.geom : 'equi'],
    ['tol', b.tol],
    // what moved the neurons, when it is not the flow (flow tables keep their header as it was)
    ...(traitsOf(b).fromSamples ? ([['dyn', 'sgd'], ['eta', b.eta && b.eta > 0 ? b.eta : 'default'], ['batch', b.batch ?? 1]] as ConfigEntries) : []),
    ...(traitsOf(b).interacting ? ([['loss', 'mse'], ['a', b.a && b.a > 0 ? b.a : 'k/n']] as ConfigEntries) : []),
    ['betaC', betaCText(config)],
    ['grid', config.xs.join(' ')],
    ['trials', config.trials],
    ['query', query],
    ['schema', SCHEMA_VERSION],
    ['version', version],
  ];
}

export function sweepTable(config: SweepConfig, rows: SweepRowOut[], query: string): string {
  return configHeader(sweepHeaderEntries(config, query)) + sweepCsv(config.kind, rows);
}

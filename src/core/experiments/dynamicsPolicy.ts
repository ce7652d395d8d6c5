// What each experiment does with each kind of dynamics, in one table. A sweep's run is one job
// like a live run, so every sweep runs the dynamics the main view runs; the basin map codes
// the fate of a single start, which only a start that moves alone has, so it maps the
// correlation flow and says so (the explore cards and the CLI print these notes).
import { withKind, type DynamicsKind } from '../dynamics/kind.ts';
import type { ModelSpec } from '../model/model.ts';

export type ExperimentName = 'beta' | 'coupon' | 'escape' | 'phase' | 'basin';

/** Run the kind as it is, or run another kind instead and say why. */
export type Treatment = { runs: 'as-is' } | { runs: DynamicsKind; note: string };

const AS_IS: Treatment = { runs: 'as-is' };
const SWEEP: Readonly<Record<DynamicsKind, Treatment>> = { 'corr-flow': AS_IS, 'mse-flow': AS_IS, sgd: AS_IS };

const EXPERIMENT_DYNAMICS: Readonly<Record<ExperimentName, Readonly<Record<DynamicsKind, Treatment>>>> = {
  beta: SWEEP,
  coupon: SWEEP,
  escape: SWEEP,
  phase: SWEEP,
  basin: {
    'corr-flow': AS_IS,
    'mse-flow': {
      runs: 'corr-flow',
      note: 'This map shows the correlation loss’s flow, not the squared loss (loss=mse) of the main view: there the neurons interact, so one start alone has no fate.',
    },
    sgd: {
      runs: 'corr-flow',
      note: 'This map shows the population gradient flow, not the online SGD (dyn=sgd) of the main view: a start under SGD has no single fate, its noise decides.',
    },
  },
};

/** The spec an experiment runs for a base spec, and the note that says what it changed (null: none). */
export function experimentSpec(experiment: ExperimentName, spec: ModelSpec, kind: DynamicsKind): { spec: ModelSpec; note: string | null } {
  const t = EXPERIMENT_DYNAMICS[experiment][kind];
  if (t.runs === 'as-is') return { spec, note: null };
  return { spec: withKind(spec, t.runs), note: t.note };
}

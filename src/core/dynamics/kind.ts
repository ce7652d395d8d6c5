// Which dynamics moves the neurons, as one notion. The link spells it with two keys (`loss` and
// `dyn`, kept for every existing link); here they become one kind, and every other question
// (does it learn from samples? do the neurons interact?) is asked of the kind's traits, never
// of the keys again (docs/model.md §2, §9, §10).

/** The correlation loss's population flow, the squared loss's coupled flow, or online SGD. */
export type DynamicsKind = 'corr-flow' | 'mse-flow' | 'sgd';

/** The link keys a kind is spelled with. */
export interface DynamicsKeys {
  loss?: 'corr' | 'mse';
  dyn?: 'flow' | 'sgd';
}

export interface DynamicsTraits {
  kind: DynamicsKind;
  /** its link keys */
  keys: Required<DynamicsKeys>;
  /** learns from drawn samples (step size, batch, samples axis) rather than the population loss */
  fromSamples: boolean;
  /** the neurons interact, so they are integrated as one system (cost grows like n³) */
  interacting: boolean;
  /** how a sentence names it */
  name: string;
}

export const DYNAMICS: Readonly<Record<DynamicsKind, DynamicsTraits>> = {
  'corr-flow': { kind: 'corr-flow', keys: { loss: 'corr', dyn: 'flow' }, fromSamples: false, interacting: false, name: 'the correlation loss’s flow' },
  'mse-flow': { kind: 'mse-flow', keys: { loss: 'mse', dyn: 'flow' }, fromSamples: false, interacting: true, name: 'the squared loss’s coupled flow' },
  sgd: { kind: 'sgd', keys: { loss: 'corr', dyn: 'sgd' }, fromSamples: true, interacting: false, name: 'online SGD on samples' },
};

/**
 * The kind the keys ask for. Online SGD follows the correlation loss only, so dyn=sgd with
 * loss=mse is not a kind: `refusedPair` says so, and normalization keeps SGD.
 */
export function dynamicsKind(keys: DynamicsKeys): DynamicsKind {
  const { samples, squared } = keyFlags(keys);
  if (samples) return 'sgd';
  return squared ? 'mse-flow' : 'corr-flow';
}

export const traitsOf = (keys: DynamicsKeys): DynamicsTraits => DYNAMICS[dynamicsKind(keys)];

/** Why the keys name no kind (null when they do). */
export function refusedPair(keys: DynamicsKeys): string | null {
  const { samples, squared } = keyFlags(keys);
  return samples && squared ? `loss=mse is a gradient flow; dyn=${keys.dyn} follows the correlation loss only` : null;
}

/** The same spec spelled as the given kind. */
export function withKind<S extends DynamicsKeys>(spec: S, kind: DynamicsKind): S {
  return { ...spec, ...DYNAMICS[kind].keys };
}

/** The one place the link's spellings are read. */
function keyFlags(keys: DynamicsKeys): { samples: boolean; squared: boolean } {
  return { samples: keys.dyn === 'sgd', squared: keys.loss === 'mse' };
}

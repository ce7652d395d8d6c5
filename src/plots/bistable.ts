// The bistable window [β_c, β_fold] on a β axis (docs/model.md §7): there w̄ is already a minimum
// and the distorted minima near the v_j still exist, so where a neuron ends depends on its start.

/** Each fold paired with the last β_c below it: the windows where both kinds of minima exist. */
export function bistableWindows(betaC: number[], betaFold: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const bf of betaFold) {
    const below = betaC.filter((b) => b < bf);
    if (below.length > 0) out.push([below[below.length - 1], bf]);
  }
  return out;
}

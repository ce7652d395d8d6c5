// Exploring parameter space at scale: the d = 3 basin map of the current model and four
// sweeps, all computed by a pool of workers so the page stays responsive.
import { useEffect, useMemo } from 'react';
import type { SweepKind } from '../../core/experiments/sweeps.ts';
import { useApp } from '../../state/store.ts';
import { modelSpecOf } from '../../url/codec.ts';
import { BasinMap } from './BasinMap.tsx';
import { SweepCard } from './SweepCard.tsx';
import type { PhaseCurves } from './sweepCharts.ts';
import { betaFoldCurve } from '../../core/experiments/sweeps.ts';

/** The phase diagram's second curve: β_fold(k), where the minima near the v_j fold away. */
const foldCurves: PhaseCurves = (base, ks) => {
  const folds = betaFoldCurve(base, ks);
  return [{ label: 'β_fold(k)', points: ks.map((k, i) => [folds[i], k] as [number, number]) }];
};
import { getExplorePool } from './explorePool.ts';
import { SWEEP_CHART_WARM_UPS } from './sweepCharts.ts';
import { inIdleSlices } from './idleSlices.ts';
import './explore.css';

const KINDS: SweepKind[] = ['beta', 'coupon', 'escape', 'phase'];

export default function ExplorePanel() {
  const params = useApp((s) => s.params);
  const base = useMemo(() => modelSpecOf(params), [params]);
  const workers = getExplorePool().size;
  useEffect(() => {
    return inIdleSlices(SWEEP_CHART_WARM_UPS);
  }, []);
  return (
    <section className="explore-panel" aria-labelledby="explore-title">
      <h2 id="explore-title">Explore parameter space</h2>
      <p className="explore-note">
        Computed off the page in {workers} worker{workers === 1 ? '' : 's'}; each sweep starts from the main parameters. A finished sweep is
        remembered: running the same settings again is instant.
      </p>
      <div className="explore-grid">
        <BasinMap />
        {KINDS.map((kind) => (
          <SweepCard key={kind} kind={kind} base={base} phaseCurves={kind === 'phase' ? foldCurves : undefined} />
        ))}
      </div>
    </section>
  );
}

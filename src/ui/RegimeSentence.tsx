// The regime in one sentence, right under the view (core/analysis/regime.ts): while most neurons
// still search, how far along the plateau the run is; and where β sits against β_c and β_fold,
// with the numbers. It follows the run on screen (its info and throttled readout), never a
// slider still being dragged.
import { traitsOf } from '../core/dynamics/kind.ts';
import { useMemo } from 'react';
import { hasEscaped } from '../core/analysis/escape.ts';
import { describeRegime, type Regime } from '../core/analysis/regime.ts';
import type { RunInfo } from '../sim/protocol.ts';
import { frameData } from '../state/frameData.ts';
import { useApp } from '../state/store.ts';
import './regime.css';

/** φ = t² with orthogonal index vectors selects no direction (model.ts, selectsNoDirection). */
function selectsNoDirection(info: RunInfo): boolean {
  return info.spec.geom === 'orth' && info.spec.k > 1 && info.kernelFormula === null && info.kernel.every((c, p) => p === 2 || c === 0);
}

/** Neurons of the frame on screen whose largest overlap has reached ½ (docs/model.md §5). */
function escapedNow(info: RunInfo): number | null {
  if (frameData.runId !== info.runId || frameData.overlaps.length !== frameData.n * frameData.k) return null;
  let escaped = 0;
  for (let i = 0; i < frameData.n; i++) if (hasEscaped(frameData.overlaps, i * frameData.k, frameData.k)) escaped++;
  return escaped;
}

export function regimeOf(info: RunInfo, t: number, escaped: number | null): Regime {
  return describeRegime({
    k: info.spec.k,
    pStar: info.pStar,
    even: info.even,
    geom: info.spec.geom,
    beta: info.spec.geom === 'equi' ? info.spec.beta : 0,
    betaC: info.betaC,
    betaFold: info.betaFold ?? [],
    averageKind: info.average ? info.average.kind : null,
    minimumOverlap: info.indexMinimum ? info.indexMinimum.overlap : null,
    noSelection: selectsNoDirection(info),
    // the coupled (squared-loss) flow: the thresholds named are the correlation loss's
    squaredLoss: traitsOf(info.spec).interacting,
    search: escaped === null ? null : { t, d: info.spec.d, escaped, n: info.spec.n },
  });
}

export function RegimeSentence() {
  const info = useApp((s) => s.info);
  const readout = useApp((s) => s.readout);
  const escaped = useMemo(() => (info && readout.counts ? escapedNow(info) : null), [info, readout]);
  const regime = useMemo(() => (info ? regimeOf(info, readout.t, escaped) : null), [info, readout.t, escaped]);
  if (!regime) return null;
  return (
    <p className="regime-sentence" data-testid="regime-sentence" data-kind={regime.kind} data-searching={regime.searching ? 'yes' : 'no'} aria-live="polite">
      {regime.searching && <strong className="regime-searching">{regime.searching} </strong>}
      <span className={`regime-kind regime-${regime.kind}`}>{regime.sentence}</span>
    </p>
  );
}

// The regime in one sentence, right under the view (core/analysis/regime.ts): while most neurons
// still search, how far along the plateau the run is; and where β sits against β_c and β_fold,
// with the numbers. It follows the run on screen (its info and throttled readout), never a
// slider still being dragged.
import { useMemo } from 'react';
import { escapedCount } from '../core/analysis/escape.ts';
import type { Regime } from '../core/analysis/regime.ts';
import { regimeOfFacts } from '../core/outcomes/regimeOfRun.ts';
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
  return escapedCount(frameData.overlaps, frameData.n, frameData.k);
}

function regimeOf(info: RunInfo, t: number, escaped: number | null): Regime {
  return regimeOfFacts({ ...info, noSelection: selectsNoDirection(info) }, t, escaped);
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

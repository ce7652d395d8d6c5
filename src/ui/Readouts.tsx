// Live numbers: flow time, β_c, the average point's curvature and kind, outcome counts.
// The data-testid hooks are a stable interface for tests and users' scripts.
import { allRecovered, unreachedIndices } from '../core/outcomes/classify.ts';
import { useApp } from '../state/store.ts';
import { formatCount, formatNumber } from '../view/format.ts';
import { averageNone, betaCNone, betaFoldNone, indexMinimumNone } from './noneReasons.ts';

export function TimeReadout() {
  const t = useApp((s) => s.readout.t);
  const tEnd = useApp((s) => s.info?.tEnd ?? null);
  const finished = useApp((s) => s.finished);
  const settledAt = useApp((s) => s.readout.settledAt);
  const endText = tEnd !== null && Number.isFinite(tEnd) ? formatNumber(tEnd, 4) : '…';
  // before the run is configured there is no end time yet: say nothing rather than NaN
  return (
    <p className="readout time">
      t = <span data-testid="sim-time" data-value={t}>{formatNumber(t, 4)}</span>
      <span className="muted"> / T = {endText}{finished ? ' (end)' : ''}</span>
      {/* a run that finished early says so: the frame shown is the exact one at T (app/runner.ts) */}
      {finished && settledAt !== undefined && (
        <span className="muted" data-testid="settled-note" data-value={settledAt}>
          {' '}· settled at t = {formatNumber(settledAt, 3)}, shown at T
        </span>
      )}
    </p>
  );
}

export function ThresholdReadout() {
  const info = useApp((s) => s.info);
  if (!info) return <p className="readout">…</p>;
  const avg = info.average;
  const betaC = info.betaC;
  return (
    <dl className="readout threshold">
      <dt>β_c</dt>
      <dd>
        <span data-testid="beta-c">{betaC.map((b) => formatNumber(b, 4)).join(', ')}</span>
        {betaC.length === 0 && <span className="muted" data-testid="beta-c-none">{betaCNone(info)}</span>}
      </dd>
      <dt>β_fold</dt>
      <dd>
        <span data-testid="beta-fold">{(info.betaFold ?? []).map((b) => formatNumber(b, 4)).join(', ')}</span>
        {(info.betaFold ?? []).length === 0 && <span className="muted" data-testid="beta-fold-none">{betaFoldNone(info)}</span>}
      </dd>
      <dt>minimum near v_j</dt>
      <dd data-testid="index-minimum">
        {info.indexMinimum ? `overlap ${formatNumber(info.indexMinimum.overlap, 4)}` : <span className="muted">{indexMinimumNone(info)}</span>}
      </dd>
      <dt>u*</dt>
      <dd>{avg ? formatNumber(avg.overlap, 4) : '—'}</dd>
      <dt>μ_span</dt>
      <dd data-testid="mu-span">{avg && avg.muSpan !== null ? formatNumber(avg.muSpan, 4) : '—'}</dd>
      <dt>μ_perp</dt>
      <dd data-testid="mu-perp">{avg ? formatNumber(avg.muPerp, 4) : '—'}</dd>
      <dt>average point</dt>
      <dd>
        <span data-testid="average-kind" className={`kind kind-${avg?.kind ?? 'none'}`}>{avg ? avg.kind : 'n/a'}</span>
        {averageNone(info) && <span className="muted"> ({averageNone(info)})</span>}
      </dd>
    </dl>
  );
}

/** Beyond this many index vectors the counts are a grid of short cells rather than sentences. */
const COMPACT_ABOVE = 6;

export function OutcomeReadout() {
  const counts = useApp((s) => s.readout.counts);
  const tol = useApp((s) => s.params.tol);
  const n = useApp((s) => s.params.n);
  const even = useApp((s) => s.info?.even ?? false);
  const finished = useApp((s) => s.finished);
  const minimumOverlap = useApp((s) => s.info?.indexMinimum?.overlap ?? null);
  if (!counts) return <p className="readout" data-testid="outcome-counts" data-counts="">no frame yet</p>;
  const k = counts.recovered.length;
  // neurons at the distorted minimum near v_j are named there, not lost (docs/model.md §7–§8)
  const atMinimum = (j: number) => {
    const c = counts.atMinimum?.[j] ?? 0;
    return c > 0 ? `, ${c} at the minimum near v${j + 1}${minimumOverlap !== null ? ` (overlap ${formatNumber(minimumOverlap, 2)})` : ''}` : '';
  };
  const rows = Array.from({ length: k }, (_, j) => `v${j + 1}: ${counts.recovered[j]} recovered / ${counts.attracted[j]} attracted${atMinimum(j)}`);
  const unreached = unreachedIndices(counts);
  const o = counts.otherKinds;
  const fixed = (counts.fixedPoints ?? []).map((g) => `${g.count} at another fixed point${g.subset ? ` (near the average of ${g.subset.map((j) => `v${j}`).join(', ')})` : ''}`);
  const minus = (counts.minusIndex ?? []).flatMap((c, j) => (c > 0 ? [`${c} at −v${j + 1}`] : []));
  const otherDetail = [o.equator && `${o.equator} equator`, o.antiAverage && `${o.antiAverage} anti-average`, ...minus, ...fixed, o.unsettled && `${o.unsettled} unsettled`, o.failed && `${o.failed} failed to integrate`]
    .filter(Boolean)
    .join(', ');
  return (
    <div className="readout outcomes" data-testid="outcome-counts" data-counts={JSON.stringify(counts)}>
      <p>
        Outcomes of {formatCount(n)} neurons (tol {tol}): {formatCount(counts.atAverage)} at average, {formatCount(counts.other)} other{otherDetail ? ` (${otherDetail})` : ''}
      </p>
      {k <= COMPACT_ABOVE ? (
        <ul>
          {rows.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : (
        // many index vectors: one short cell each, so the counts fit beside the view and plots
        <>
          <p className="muted">per index vector, recovered / attracted:</p>
          <ul className="count-grid">
            {counts.recovered.map((r, j) => (
              <li key={j} aria-label={rows[j]}>
                <span className="count-name">v{j + 1}</span> {r} / {counts.attracted[j]}
                {(counts.atMinimum?.[j] ?? 0) > 0 && <span className="muted"> ({counts.atMinimum[j]} at min.)</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {finished && counts.otherKinds.unsettled > 0 && (
        <p className="field-flag" data-testid="unsettled-note">
          {counts.otherKinds.unsettled} neuron{counts.otherKinds.unsettled === 1 ? ' has' : 's have'} not settled by the end time: a longer T may settle them
        </p>
      )}
      {even && (
        <p className="muted" data-testid="even-merge-note">
          φ is even: each v_j count includes the neurons at −v_j ({(counts.attractedNegative ?? []).map((c, j) => `v${j + 1}: ${c}`).join(', ')}), and “at average” includes −w̄ ({counts.atAverageNegative ?? 0})
        </p>
      )}
      <p data-testid="all-recovered" data-unreached={unreached.length}>
        {allRecovered(counts)
          ? `All ${k} index vectors recovered`
          : unreached.length === 0
            ? `Every index vector reached: ${counts.recovered.filter((c) => c === 0).length} of ${k} only at the minimum near it (overlap below 1 − tol)`
            : `Not all recovered: ${unreached.length} of ${k} have no neuron above 1 − tol nor at the minimum near them`}
      </p>
    </div>
  );
}

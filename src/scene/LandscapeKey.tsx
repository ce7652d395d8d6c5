// The landscape view's DOM side: its toggle among the view's tools, and its key — the colour
// ramp (low to high loss), one glyph per type of critical point with how many there are, the
// note on what the shaded sphere is, and every critical point listed for screen readers (and
// for tests, by data-kind).
import { MAX_LANDSCAPE_K } from '../core/analysis/criticalPoints.ts';
import type { RunInfo } from '../sim/protocol.ts';
import { getAppStore, useApp } from '../state/store.ts';
import { CRITICAL_GLYPHS, CRITICAL_KINDS } from './landscapeGlyphs.ts';
import { LOSS_RAMP } from './landscapeShading.ts';
import './landscape.css';

/** Why the landscape cannot be drawn for this run (null: it can, or the run is still loading). */
export function landscapeUnavailable(info: RunInfo | null): string | null {
  if (!info) return null;
  if (info.spec.k > MAX_LANDSCAPE_K) return `Landscape: only for k ≤ ${MAX_LANDSCAPE_K}, where the sphere of span(V) is drawn exactly (here k = ${info.spec.k})`;
  if (!info.landscape) return 'Landscape: the squared loss couples the neurons, so no single neuron has a landscape to draw';
  return null;
}

export function LandscapeToggle({ info }: { info: RunInfo | null }) {
  const on = useApp((s) => s.params.landscape);
  const reason = landscapeUnavailable(info);
  return (
    <>
      <button
        type="button"
        name="landscape"
        className="view-landscape"
        aria-pressed={on && !reason}
        disabled={!info || reason !== null}
        title={reason ?? 'shade the sphere of span(V) by the loss and mark its critical points'}
        aria-describedby={reason ? 'landscape-unavailable' : undefined}
        onClick={() => getAppStore().getState().setParam('landscape', !on)}
      >
        Landscape
      </button>
      {reason && (
        <span id="landscape-unavailable" className="sr-only">
          {reason}
        </span>
      )}
    </>
  );
}

const format = (x: number) => (Math.abs(x) < 1e-3 && x !== 0 ? x.toExponential(1) : x.toPrecision(3));

export function LandscapeKey({ info }: { info: RunInfo }) {
  const land = info.landscape;
  if (!land) return null;
  const { k, d } = info.spec;
  const counts = CRITICAL_KINDS.map((kind) => ({ kind, n: land.points.filter((p) => p.kind === kind).length }));
  const losses = land.points.map((p) => p.loss);
  const low = Math.min(...losses), high = Math.max(...losses);
  return (
    <div className="view-note landscape-key" data-testid="landscape-key">
      <span className="loss-ramp">
        L low {Number.isFinite(low) ? format(low) : ''}
        <span className="ramp" style={{ background: `linear-gradient(to right, ${LOSS_RAMP.join(', ')})` }} />
        high {Number.isFinite(high) ? format(high) : ''}
      </span>
      <ul className="critical-key" aria-label="critical points of the loss on the sphere of span(V), by type">
        {counts
          .filter((c) => c.n > 0 || c.kind !== 'degenerate')
          .map(({ kind, n }) => (
            <li key={kind} data-kind={kind} data-count={n}>
              <span className={`glyph ${CRITICAL_GLYPHS[kind].swatch}`} style={{ background: CRITICAL_GLYPHS[kind].colour }} />
              {n} {CRITICAL_GLYPHS[kind].names[n === 1 ? 0 : 1]}
            </li>
          ))}
      </ul>
      {d > k && (
        <span className="landscape-search">
          the sphere of span(V)<span className="wide-only">: neurons reach it</span> only after the search
        </span>
      )}
      <ul className="sr-only" data-testid="landscape-points" aria-label="critical points">
        {land.points.map((p, i) => (
          <li key={i} data-kind={p.kind}>
            {p.kind} at overlaps ({p.u.map((x) => x.toFixed(3)).join(', ')}), loss {format(p.loss)}
          </li>
        ))}
      </ul>
    </div>
  );
}

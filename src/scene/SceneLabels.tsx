// The labels over the 3-D view, as ordinary DOM text (never markup from a link): in the
// top-left corner the "still searching" note (the centre is where a lecturer points during
// the plateau, so no note may sit there), the average point's kind and how many neurons sit there,
// and each index vector's name (in its colour, with its glyph past eight) and how many neurons
// head for it — one label per vector, never a comma-joined line. LabelPlacer moves them so that
// none covers another (labelLayout.ts).
import { useLayoutEffect, useRef } from 'react';
import type { AveragePoint } from '../core/analysis/averagePoint.ts';
import { useSourceCounts } from './frameSource.ts';
import type { MinimumAnchor } from './minimumAnchors.ts';
import { AttractedCount } from './AttractedCount.tsx';
import { AVERAGE_RING_RADIUS } from './AverageMarker.tsx';
import { vectorLabel } from './labels.ts';
import { indexColour, indexGlyph } from '../view/palette.ts';
import { useViewLabels, type SceneLabel } from './sceneLabels.ts';

export interface LabelAnchors {
  /** index vectors drawn (k rows of 3, radial scale applied); a zero row is not drawn */
  tips: Float32Array;
  average: { position: [number, number, number]; point: AveragePoint } | null;
  /** the distorted minima near the v_j that have a place of their own (minimumAnchors.ts) */
  minima: MinimumAnchor[];
}

function glyphMark(j: number): string {
  return indexGlyph(j) === 'diamond' ? '◆' : '';
}

/** The label of the minimum near v_j: its overlap with v_j; the count is in data-count (and in v_j's tip label). */
function MinimumLabel({ anchor, k, tag }: { anchor: MinimumAnchor; k: number; tag: (el: HTMLSpanElement | null) => void }) {
  const count = useSourceCounts((c) => c?.atMinimum?.[anchor.j] ?? 0);
  const overlap = anchor.overlap.toFixed(2);
  return (
    <span
      ref={tag}
      className="minimum-tag scene-label"
      data-testid={`minimum-marker-${anchor.j}`}
      data-position={anchor.position.map((x) => x.toFixed(4)).join(',')}
      data-overlap={anchor.overlap}
      data-count={count}
      title={`minimum near ${vectorLabel(anchor.j)}: overlap ${overlap}, ${count} neuron${count === 1 ? '' : 's'} there`}
      style={{ color: indexColour(anchor.j, k) }}
    >
      {overlap}
    </span>
  );
}

function AverageCount() {
  const text = useSourceCounts((c) => (c && c.atAverage > 0 ? ` · ${c.atAverage}` : ''));
  return text ? <span className="vector-count">{text}</span> : null;
}

export function SceneLabels({ k, anchors }: { k: number; anchors: LabelAnchors }) {
  const labels = useViewLabels();
  const search = useRef<HTMLSpanElement>(null);
  const average = useRef<HTMLSpanElement>(null);
  const tags = useRef<(HTMLSpanElement | null)[]>([]);
  const minimumTags = useRef<(HTMLSpanElement | null)[]>([]);
  const { tips } = anchors;
  const drawn: number[] = [];
  for (let j = 0; j < k; j++) if (Math.hypot(tips[3 * j], tips[3 * j + 1], tips[3 * j + 2]) > 1e-6) drawn.push(j);

  useLayoutEffect(() => {
    const list: SceneLabel[] = [];
    if (search.current) list.push({ el: search.current, anchor: [0, 0, 0], side: 'corner', box: null });
    if (average.current && anchors.average) list.push({ el: average.current, anchor: anchors.average.position, side: 'right', cluster: 'average', marker: AVERAGE_RING_RADIUS, box: null });
    for (const j of drawn) {
      const el = tags.current[j];
      if (el) list.push({ el, anchor: [tips[3 * j], tips[3 * j + 1], tips[3 * j + 2]], side: 'outward', cluster: j, box: null });
    }
    // after the tips: a minimum's label gives way to its index vector's
    for (const m of anchors.minima) {
      const el = minimumTags.current[m.j];
      if (el) list.push({ el, anchor: m.position, side: 'outward', cluster: { minimum: m.j }, box: null });
    }
    labels.list = list;
    labels.version++;
  });

  const avg = anchors.average?.point;
  return (
    <div className="label-layer" data-testid="label-layer">
      <span ref={search} className="search-hint scene-label" data-testid="search-hint" hidden />
      {avg && (
        <span ref={average} className={`average-label scene-label kind-${avg.kind}`} data-testid="average-marker" data-kind={avg.kind}>
          w̄ {avg.kind}
          <AverageCount />
        </span>
      )}
      {drawn.map((j) => (
        <span key={j} ref={(el) => void (tags.current[j] = el)} className="vector-tag scene-label" data-testid={`vector-tag-${j}`}>
          <span className="vector-label">
            <span style={{ color: indexColour(j, k) }}>{glyphMark(j)}{vectorLabel(j)}</span>
          </span>
          <AttractedCount names={[j]} />
        </span>
      ))}
      {anchors.minima.map((m) => (
        <MinimumLabel key={`min-${m.j}`} anchor={m} k={k} tag={(el) => void (minimumTags.current[m.j] = el)} />
      ))}
    </div>
  );
}

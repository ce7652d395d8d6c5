// The 3-D view: neurons on (and, while searching, inside) the unit sphere, the index vectors,
// the average point, trails, and orbit controls, with a DOM layer of labels placed apart. Per-
// frame data is read from frameData inside the render loop; React only re-renders on run or
// view changes.
import { Canvas } from '@react-three/fiber';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { frameData, type FrameData } from '../state/frameData.ts';
import { mapRadius, radialR0 } from '../state/radial.ts';
import type { ProjectionView, RunInfo } from '../sim/protocol.ts';
import { getAppStore, useApp } from '../state/store.ts';
import { useProjection } from '../state/projectionView.ts';
import { FrameSourceContext, ReadoutSourceContext, type ReadoutStore } from './frameSource.ts';
import { AverageMarker } from './AverageMarker.tsx';
import { CameraRig, DEFAULT_CAMERA } from './CameraRig.tsx';
import { FramePump } from './FramePump.tsx';
import { IndexArrows } from './IndexArrows.tsx';
import { IndexMinimumMarkers } from './IndexMinimumMarkers.tsx';
import { minimumAnchors } from './minimumAnchors.ts';
import { LabelPlacer } from './LabelPlacer.tsx';
import { Legend } from './Legend.tsx';
import { Landscape } from './Landscape.tsx';
import { LandscapeKey, LandscapeToggle, landscapeUnavailable } from './LandscapeKey.tsx';
import { ViewCapture } from './ViewCapture.tsx';
import { Neurons } from './Neurons.tsx';
import { usePrefersReducedMotion } from './reducedMotion.ts';
import { SceneLabels, type LabelAnchors } from './SceneLabels.tsx';
import { newViewLabels, sceneLabels, ViewLabelsContext } from './sceneLabels.ts';
import { reportRenderer } from './rendererName.ts';
import { Sphere } from './Sphere.tsx';
import { useTapToRotate } from './useTapToRotate.ts';
import { Trails } from './Trails.tsx';
import { formatPower10 } from '../view/format.ts';
import './flowView.css';

/** Points scaled to their mapped radius (directions unchanged). */
function mapped(coords: Float32Array, r0: number): Float32Array {
  const out = new Float32Array(coords.length);
  for (let o = 0; o < coords.length; o += 3) {
    const r = Math.hypot(coords[o], coords[o + 1], coords[o + 2]);
    const s = r > 0 ? mapRadius(r, r0) / r : 0;
    for (let a = 0; a < 3; a++) out[o + a] = coords[o + a] * s;
  }
  return out;
}

/** How many index vectors have an arrow (a test hook: every one of them must). */
function drawnCount(tips: Float32Array): number {
  let n = 0;
  for (let o = 0; o < tips.length; o += 3) if (Math.hypot(tips[o], tips[o + 1], tips[o + 2]) > 1e-6) n++;
  return n;
}

function RadialNote({ r0 }: { r0: number }) {
  const mode = useApp((s) => s.params.radial);
  const toggle = () => getAppStore().getState().setParam('radial', r0 > 0 ? 'linear' : 'log');
  return (
    <p className="view-note radial" data-testid="radial-note" data-scale={r0 > 0 ? 'log' : 'linear'}>
      {r0 > 0 ? `radius: log overlap with span(V), ${formatPower10(r0)} at the centre to 1 on the sphere` : 'radius: overlap with span(V)'}
      {mode === 'auto' && r0 > 0 ? ' (large d)' : ''}{' '}
      <button type="button" name="radial" className="link-button" onClick={toggle}>
        {r0 > 0 ? 'use linear' : 'use log'}
      </button>
    </p>
  );
}

/** "16-D projection (even spread)": the note's one line; the whole description opens under it. */
function projectionSummary(k: number, projection: string): string {
  const span = /span\(v\d+, v\d+, v\d+\)/.exec(projection);
  const which = projection.includes('grand tour') ? 'grand tour' : span ? `onto ${span[0]}` : 'even spread';
  return `${k}-D picture shown as a projection (${which})`;
}

function ProjectionNote({ k, projection }: { k: number; projection: string }) {
  return (
    <details className="view-note projection" data-testid="projection-note">
      <summary>{projectionSummary(k, projection)}</summary>
      <p className="view-note-more">
        {k}-D picture shown as a {projection}
      </p>
    </details>
  );
}

export interface FlowViewProps {
  /** another run to draw (the split view's second pane); the page's run when absent */
  source?: { frames: FrameData; info: RunInfo | null; readouts: ReadoutStore };
  /** extra scene content, e.g. the split view's camera link */
  children?: ReactNode;
  /** page controls that belong beside Reset view (the page's fullscreen button); the page, not
   * the view, knows what goes fullscreen */
  tools?: ReactNode;
  testId?: string;
}

export default function FlowView({ source, children, tools, testId = 'flow-canvas' }: FlowViewProps = {}) {
  const [resetNonce, setResetNonce] = useState(0);
  const pageInfo = useApp((s) => s.info);
  const info = source ? source.info : pageInfo;
  // the page's run may be redrawn in another projection (proj): its arrows and note follow
  const redrawn = useProjection((p) => (!source && pageInfo && p.runId === pageInfo.runId ? p.view : null));
  const view: ProjectionView | null = redrawn ?? info;
  const grid = useApp((s) => s.params.grid);
  const trailsParam = useApp((s) => s.params.trails);
  const radial = useApp((s) => s.params.radial);
  const landscapeParam = useApp((s) => s.params.landscape);
  const landscape = landscapeParam && info && !landscapeUnavailable(info) ? info.landscape ?? null : null;
  // reduced motion hides the trails without touching the `trails` parameter (or the link)
  const reducedMotion = usePrefersReducedMotion();
  const trails = trailsParam && !reducedMotion;
  const d = useApp((s) => s.params.d);
  const k = info?.spec.k ?? 0;
  const projection = view && view.projection !== 'exact' ? view.projection : null;
  // the radial scale follows the run on screen (its d), not a slider still being dragged
  const r0 = radialR0(radial, info?.spec.d ?? d);
  const frames = source?.frames ?? frameData;
  useEffect(() => frames.setRadialR0(r0), [frames, r0]);
  // the page's view registers its labels where Save image finds them; a second pane keeps its own
  const tap = useTapToRotate();
  const [labels] = useState(() => (source ? newViewLabels() : sceneLabels));

  const anchors = useMemo<LabelAnchors | null>(() => {
    if (!info || !view) return null;
    const avg = info.average && k >= 2 ? mapped(view.averagePosition, r0) : null;
    return {
      tips: mapped(view.indexVectors, r0),
      average: avg && info.average ? { position: [avg[0], avg[1], avg[2]], point: info.average } : null,
      minima: minimumAnchors(info, view, r0),
    };
  }, [info, view, k, r0]);

  return (
    <ViewLabelsContext.Provider value={labels}>
    <FrameSourceContext.Provider value={frames}>
    <ReadoutSourceContext.Provider value={source?.readouts ?? null}>
    <div
      ref={tap.view}
      className={`flow-view${tap.oneFingerRotates ? ' touch-rotates' : ''}`}
      data-testid={testId}
      data-trails={trails ? 'on' : 'off'}
      data-arrows={anchors ? drawnCount(anchors.tips) : 0}
      data-landscape={landscape ? 'on' : 'off'}
      {...tap.handlers}
    >
      {/* the canvas and what lies over it; the notes strip under it keeps every note off the
          sphere at any size and k (the centre is where a lecturer points) */}
      <div className="view-canvas">
      <Canvas
        frameloop="demand"
        flat
        dpr={[1, 2]}
        gl={{ preserveDrawingBuffer: true, antialias: true }}
        onCreated={({ gl }) => reportRenderer(gl.getContext())}
        camera={{ position: DEFAULT_CAMERA, fov: 38, near: 0.05, far: 100 }}
        role="img"
        aria-label="neurons on the unit sphere"
      >
        <FramePump />
        <Sphere grid={grid} glow={k >= 3 && d > 3} />
        {landscape && info && <Landscape landscape={landscape} tips={info.indexVectors} k={k} />}
        {anchors && <IndexArrows tips={anchors.tips} k={k} />}
        {anchors?.average && <AverageMarker position={anchors.average.position} average={anchors.average.point} />}
        {anchors && <IndexMinimumMarkers minima={anchors.minima} k={k} />}
        <Neurons />
        {trails && <Trails />}
        <LabelPlacer />
        <CameraRig resetNonce={resetNonce} oneFingerRotates={tap.oneFingerRotates} />
        <ViewCapture />
        {children}
      </Canvas>
      <p className="touch-hint" data-testid="touch-hint">{tap.oneFingerRotates ? 'one finger rotates · tap to scroll again' : 'two fingers rotate · tap to rotate with one'}</p>
      <div className="view-tools">
        {tools}
        {k >= 1 && <LandscapeToggle info={info} />}
        <button type="button" className="view-reset" name="resetview" onClick={() => setResetNonce((x) => x + 1)}>
          Reset view
        </button>
      </div>
      {/* at the bottom, under the sphere's south pole */}
      <div className="view-footer">{info && <Legend k={k} />}</div>
      </div>
      <div className="view-notes">
        {/* where the search note goes when no corner of the canvas is clear of the sphere */}
        <span className="search-slot" aria-hidden="true" />
        {projection && <ProjectionNote k={k} projection={projection} />}
        {info && k >= 1 && <RadialNote r0={r0} />}
        {landscape && info && <LandscapeKey info={info} />}
        {landscapeParam && info && landscapeUnavailable(info) && <p className="view-note" data-testid="landscape-unavailable">{landscapeUnavailable(info)}</p>}
      </div>
      {/* over the canvas and the notes strip: LabelPlacer keeps labels on the canvas and may put
          the search note in its slot in the strip */}
      {anchors && <SceneLabels k={k} anchors={anchors} />}
    </div>
    </ReadoutSourceContext.Provider>
    </FrameSourceContext.Provider>
    </ViewLabelsContext.Provider>
  );
}

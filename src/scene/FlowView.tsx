// The 3-D view: neurons on (and, while searching, inside) the unit sphere, the index vectors,
// the average point, trails, and orbit controls. Per-frame data is read from frameData inside
// the render loop; React only re-renders on run or view changes.
import { Canvas } from '@react-three/fiber';
import { useState, type ReactNode } from 'react';
import { frameData, type FrameData } from '../state/frameData.ts';
import type { RunInfo } from '../sim/protocol.ts';
import { useApp } from '../state/store.ts';
import { FrameSourceContext, ReadoutSourceContext, type ReadoutStore } from './frameSource.ts';
import { AverageMarker } from './AverageMarker.tsx';
import { CameraRig, DEFAULT_CAMERA } from './CameraRig.tsx';
import { FramePump } from './FramePump.tsx';
import { IndexArrows } from './IndexArrows.tsx';
import { Legend } from './Legend.tsx';
import { vectorLabel } from './labels.ts';
import { Neurons } from './Neurons.tsx';
import { usePrefersReducedMotion } from './reducedMotion.ts';
import { SearchHint } from './SearchHint.tsx';
import { Sphere } from './Sphere.tsx';
import { Trails } from './Trails.tsx';
import './flowView.css';

/** Index vectors with no component in the drawn 3-D span (e.g. v₄… for orthogonal ones). */
function unseenVectors(coords: Float32Array, k: number): string[] {
  const out: string[] = [];
  for (let j = 0; j < k; j++) if (Math.hypot(coords[j * 3], coords[j * 3 + 1], coords[j * 3 + 2]) < 1e-6) out.push(vectorLabel(j));
  return out;
}

export interface FlowViewProps {
  /** another run to draw (the split view's second pane); the page's run when absent */
  source?: { frames: FrameData; info: RunInfo | null; readouts: ReadoutStore };
  /** extra scene content, e.g. the split view's camera link */
  children?: ReactNode;
  testId?: string;
}

export default function FlowView({ source, children, testId = 'flow-canvas' }: FlowViewProps = {}) {
  const [resetNonce, setResetNonce] = useState(0);
  const pageInfo = useApp((s) => s.info);
  const info = source ? source.info : pageInfo;
  const grid = useApp((s) => s.params.grid);
  const trailsParam = useApp((s) => s.params.trails);
  // reduced motion hides the trails without touching the `trails` parameter (or the link)
  const reducedMotion = usePrefersReducedMotion();
  const trails = trailsParam && !reducedMotion;
  const d = useApp((s) => s.params.d);
  const k = info?.spec.k ?? 0;
  const projection = info && info.projection !== 'exact' ? info.projection : null;
  const unseen = info ? unseenVectors(info.indexVectors, k) : [];

  return (
    <FrameSourceContext.Provider value={source?.frames ?? frameData}>
    <ReadoutSourceContext.Provider value={source?.readouts ?? null}>
    <div className="flow-view" data-testid={testId} data-trails={trails ? 'on' : 'off'}>
      <Canvas
        frameloop="demand"
        flat
        dpr={[1, 2]}
        gl={{ preserveDrawingBuffer: true, antialias: true }}
        camera={{ position: DEFAULT_CAMERA, fov: 38, near: 0.05, far: 100 }}
        role="img"
        aria-label="neurons on the unit sphere"
      >
        <FramePump />
        <Sphere grid={grid} glow={k >= 3 && d > 3} />
        {info && <IndexArrows coords={info.indexVectors} k={k} />}
        {info?.average && k >= 2 && <AverageMarker position={info.averagePosition} average={info.average} />}
        <Neurons />
        {!source && <SearchHint />}
        {trails && <Trails />}
        <CameraRig resetNonce={resetNonce} />
        {children}
      </Canvas>
      <button type="button" className="view-reset" name="resetview" onClick={() => setResetNonce((x) => x + 1)}>
        Reset view
      </button>
      {/* at the bottom, under the sphere's south pole, where no index vector's label sits */}
      <div className="view-footer">
        {projection && (
          <p className="view-note projection" data-testid="projection-note">
            {k}-D picture shown as a {projection}
            {unseen.length > 0 && `; ${unseen.join(', ')} ${unseen.length > 1 ? 'are' : 'is'} orthogonal to it, so not drawn`}
          </p>
        )}
        {info && <Legend k={k} />}
      </div>
    </div>
    </ReadoutSourceContext.Provider>
    </FrameSourceContext.Provider>
  );
}

// Basin map at d = 3: the sphere of starting points painted by where each one flows, redrawn
// (debounced) whenever the main parameters change. Its own small 3-D view and legend.
import { Canvas, useThree } from '@react-three/fiber';
import { OrbitControls } from '@react-three/drei';
import { useEffect, useMemo, useRef, useState } from 'react';
import { DEFAULT_BASIN_POINTS, type BasinGrid } from '../../core/experiments/basin.ts';
import { experimentSpec } from '../../core/experiments/dynamicsPolicy.ts';
import { dynamicsKind } from '../../core/dynamics/kind.ts';
import { buildModel, type ModelSpec } from '../../core/model/model.ts';
import { NeuronProjector } from '../../core/projection/projection.ts';
import { codeColour } from '../../view/palette.ts';
import { useApp } from '../../state/store.ts';
import { modelSpecOf } from '../../url/codec.ts';
import { BasinRunner, PENDING, type BasinView } from './basinRunner.ts';
import { basinGeometry, basinTexture, cellAt, paintBasin } from './basinTexture.ts';
import { getExplorePool } from './explorePool.ts';

const DEBOUNCE_MS = 350;
const MARKER_COLOUR = '#0b0f18';

/** What a start in a cell becomes, in words. */
function fateText(code: number, k: number): string {
  if (code === PENDING) return 'not computed yet';
  if (code < k) return `flows to the index vector v${code + 1}`;
  if (code === k) return 'is trapped at the average w̄';
  return 'ends elsewhere (anti-average, equator or unsettled)';
}

interface Hover {
  x: number;
  y: number;
  z: number;
  code: number;
}

function Sphere({ grid, codes, k, version, onHover }: { grid: BasinGrid; codes: Uint8Array; k: number; version: number; onHover: (h: Hover | null) => void }) {
  const geometry = useMemo(() => basinGeometry(grid.rows), [grid.rows]);
  const texture = useMemo(() => basinTexture(grid), [grid]);
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => () => geometry.dispose(), [geometry]);
  useEffect(() => () => texture.dispose(), [texture]);
  useEffect(() => {
    if (codes.length === grid.rows * grid.cols) paintBasin(texture, codes, k);
    invalidate();
  }, [texture, codes, k, version, grid, invalidate]);
  return (
    <mesh
      geometry={geometry}
      onPointerMove={(e) => {
        const { x, y, z } = e.point;
        onHover({ x, y, z, code: codes[cellAt(grid, e.point)] ?? PENDING });
      }}
      onPointerOut={() => onHover(null)}
    >
      <meshBasicMaterial map={texture} toneMapped={false} />
    </mesh>
  );
}

/** Dark dots at the index vectors and the average point, so the basins can be read against them. */
function Markers({ spec }: { spec: ModelSpec }) {
  const points = useMemo(() => {
    const model = buildModel({ ...spec, n: 1 });
    const proj = new NeuronProjector(model.geometry);
    const v = proj.indexVectors();
    const out: [number, number, number][] = [];
    for (let j = 0; j < spec.k; j++) out.push([v[j * 3], v[j * 3 + 1], v[j * 3 + 2]]);
    if (spec.k > 1 && spec.geom !== 'gram') {
      const a = proj.averagePoint();
      out.push([a[0], a[1], a[2]]);
    }
    return out;
  }, [spec]);
  return (
    <>
      {points.map((p, i) => (
        <mesh key={i} position={p.map((x) => x * 1.01) as [number, number, number]}>
          <sphereGeometry args={[i < spec.k ? 0.035 : 0.028, 12, 8]} />
          <meshBasicMaterial color={i < spec.k ? MARKER_COLOUR : '#ffffff'} toneMapped={false} />
        </mesh>
      ))}
    </>
  );
}

function legendItems(view: BasinView): { code: number; label: string; count: number | null }[] {
  const k = view.spec?.k ?? 0;
  const items: { code: number; label: string; count: number | null }[] = [];
  for (let j = 0; j < k; j++) items.push({ code: j, label: `→ v${j + 1}`, count: view.counts ? view.counts.index[j] : null });
  items.push({ code: k, label: 'average w̄', count: view.counts ? view.counts.average : null });
  items.push({ code: k + 1, label: 'other (anti-average, −v_j, another fixed point, equator, unsettled)', count: view.counts ? view.counts.other : null });
  return items;
}

/**
 * The map is always the correlation loss's population flow (a start's fate is a property of a
 * deterministic flow); when the main view runs something else, the card says so.
 */
function basinDynamicsNote(spec: ModelSpec): string | null {
  return experimentSpec('basin', spec, dynamicsKind(spec)).note;
}

export function BasinMap() {
  const params = useApp((s) => s.params);
  const spec = useMemo(() => modelSpecOf(params), [params]);
  const [view, setView] = useState<BasinView | null>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const runner = useRef<BasinRunner | null>(null);

  useEffect(() => {
    const r = new BasinRunner(getExplorePool, (v) => setView({ ...v }), DEFAULT_BASIN_POINTS);
    runner.current = r;
    return () => r.dispose();
  }, []);

  // nothing is computed until the map is scrolled into view: the page's first seconds belong to the main flow
  const section = useRef<HTMLElement>(null);
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const el = section.current;
    if (!el || seen) return;
    if (typeof IntersectionObserver === 'undefined') {
      setSeen(true);
      return;
    }
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setSeen(true), { rootMargin: '200px' });
    io.observe(el);
    return () => io.disconnect();
  }, [seen]);

  useEffect(() => {
    if (!seen) return;
    const id = setTimeout(() => runner.current?.start(spec, DEFAULT_BASIN_POINTS), DEBOUNCE_MS);
    return () => clearTimeout(id);
  }, [spec, seen]);

  const k = view?.spec?.k ?? spec.k;
  const otherDynamics = basinDynamicsNote(spec);
  const counts = view?.status === 'done' && view.counts ? JSON.stringify(view.counts) : '';
  const total = view ? view.grid.rows * view.grid.cols : 0;
  return (
    <section ref={section} className="explore-card basin-card" aria-labelledby="basin-title">
      <h3 id="basin-title">Basin map at d = 3</h3>
      <p className="explore-note">
        Each of {total.toLocaleString('en')} equal-area cells of S² is a starting neuron (overlaps u = L x); its colour is where the flow
        takes it, with this model's k, β, σ, σ* and tol. Dark dots: v_j; white dot: w̄.
      </p>
      {otherDynamics && (
        <p className="explore-note explore-dynamics" data-testid="basin-dynamics">
          {otherDynamics}
        </p>
      )}
      <div className="basin-map" data-testid="basin-map" data-counts={counts} data-status={view?.status ?? 'idle'}>
        {view?.status === 'unavailable' ? (
          <p className="explore-note">{view.message}.</p>
        ) : (
          <Canvas frameloop="demand" camera={{ position: [2.6, 2.0, 1.8], up: [0, 0, 1], fov: 40 }} role="img" aria-label="basin map: the sphere coloured by the fate of each starting point">
            {view?.spec && <Sphere grid={view.grid} codes={view.codes} k={k} version={view.version} onHover={setHover} />}
            {view?.spec && <Markers spec={view.spec} />}
            <OrbitControls enablePan={false} enableZoom={false} />
          </Canvas>
        )}
      </div>
      {view?.status !== 'unavailable' && (
        <p className="explore-note basin-hover" data-testid="basin-hover">
          {hover
            ? `A start at x = (${[hover.x, hover.y, hover.z].map((v) => v.toFixed(2)).join(', ')}) ${fateText(hover.code, k)}.`
            : 'Point at the sphere to see what a start there becomes.'}
        </p>
      )}
      <ul className="explore-legend" aria-label="basin map legend">
        {view?.spec &&
          legendItems(view).map((it) => (
            <li key={it.code}>
              <span className="swatch" style={{ background: codeColour(it.code, k) }} aria-hidden="true" />
              {it.label}
              {it.count !== null && total > 0 && <span className="legend-count">{((100 * it.count) / total).toFixed(1)}%</span>}
            </li>
          ))}
      </ul>
      <p className="explore-status" aria-live="polite">
        {!view || view.status === 'idle'
          ? (seen ? 'waiting for the model…' : 'computed once the map is in view')
          : view.status === 'running'
            ? `computing: ${view.done}/${view.total} slices`
            : view.status === 'done'
              ? `done in ${(view.elapsedMs / 1000).toFixed(2)} s`
              : view.status === 'error'
                ? `failed: ${view.message}`
                : ''}
      </p>
    </section>
  );
}

// Inside the canvas's render loop: projects each label's anchor with the current camera and
// places the labels apart (labelLayout.ts). Also writes the search hint's text, from the count
// Neurons made in the same render. Runs only when the canvas renders (a frame, a camera move).
import { useFrame } from '@react-three/fiber';
import { useRef } from 'react';
import { PerspectiveCamera, Vector3 } from 'three';
import type { Readout } from '../state/store.ts';
import { useReadoutSource } from './frameSource.ts';
import { placeCornerNote, placeLabels, type Disc, type LabelItem, type Rect } from './labelLayout.ts';
import { useViewLabels } from './sceneLabels.ts';
import { clusterCount, clusterRadius } from './ClusterMarker.tsx';

function searchText(near: number, counts: Readout['counts'] | null): string {
  const equator = Math.min(near, counts?.otherKinds.equator ?? 0);
  const lines = [];
  if (near - equator > 0) lines.push(`still searching: ${near - equator}`);
  if (equator > 0) lines.push(`on the equator (no positive overlap): ${equator}`);
  return lines.join('\n');
}

/**
 * The sphere's outline on screen in CSS pixels of the view: a unit sphere seen from distance D
 * subtends asin(1/D). Written on the view (data-sphere="cx,cy,r") for the tests that check
 * notes keep off it.
 */
function sphereDisc(camera: PerspectiveCamera, cx: number, cy: number, height: number): Disc {
  const dist = camera.position.length();
  const half = Math.tan(((camera.fov / 2) * Math.PI) / 180) / camera.zoom;
  const r = dist > 1 ? (Math.tan(Math.asin(1 / dist)) / half) * (height / 2) : height / 2;
  return { cx, cy, r };
}

export function LabelPlacer() {
  const v = useRef(new Vector3());
  const shownSearch = useRef('');
  /** the view width at which the corner note went beside the view (null: it is in a corner) */
  const besideView = useRef<number | null>(null);
  const labels = useViewLabels();
  const readouts = useReadoutSource();
  useFrame(({ camera, size, gl }) => {
    const list = labels.list;
    if (list.length === 0) return;
    // the buttons and notes drawn over the view are no place for a label
    const view = gl.domElement.closest('.flow-view');
    const blocked: Rect[] = [];
    if (view) {
      const origin = view.getBoundingClientRect();
      // each button on its own: on a phone the Landscape button hangs below the row of the others
      for (const el of view.querySelectorAll('.view-tools > :not(.sr-only), .view-footer > *, .touch-hint')) {
        const r = el.getBoundingClientRect();
        if (r.width > 0) blocked.push({ x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height });
      }
    }
    const search = list.find((l) => l.el.dataset.testid === 'search-hint');
    if (search) {
      const text = searchText(labels.searching, readouts.getState().readout?.counts ?? null);
      if (text !== shownSearch.current) {
        shownSearch.current = text;
        search.el.textContent = text;
        search.el.hidden = text === '';
      }
    }
    // corner notes first: they take a fixed place, which the other labels then avoid. A corner
    // that reaches the sphere is refused (the centre is where a lecturer points during the
    // plateau); with no corner free (a phone, a split pane) the note goes into its slot in the
    // strip under the view. The slot stays reserved while the view keeps its width, also while
    // the note is hidden: every restart (a β drag, a new seed) shows the note again, and a strip
    // that grew and shrank with it would resize the canvas, and so the sphere, each time.
    for (const l of list) l.box = null;
    const p = v.current;
    p.set(0, 0, 0).project(camera);
    const cx = ((p.x + 1) / 2) * size.width, cy = ((1 - p.y) / 2) * size.height;
    const disc = camera instanceof PerspectiveCamera ? sphereDisc(camera, cx, cy, size.height) : { cx, cy, r: 0 };
    if (view instanceof HTMLElement) {
      const text = `${Math.round(disc.cx)},${Math.round(disc.cy)},${Math.round(disc.r)}`;
      if (view.dataset.sphere !== text) view.dataset.sphere = text;
    }
    const slot = view?.querySelector<HTMLElement>('.search-slot') ?? null;
    for (const l of list) {
      if (l.side !== 'corner') continue;
      if (l.el.hidden) continue;
      const w = l.el.offsetWidth, h = l.el.offsetHeight;
      let r = besideView.current === size.width ? null : placeCornerNote(w, h, size.width, size.height, disc, blocked);
      if (r !== null && slot?.classList.contains('used')) {
        besideView.current = null;
        slot.classList.remove('used');
      }
      if (r === null && slot && view) {
        besideView.current = size.width;
        if (slot.style.height !== `${h}px` || slot.style.width !== `${w}px`) {
          slot.style.width = `${w}px`;
          slot.style.height = `${h}px`;
        }
        if (!slot.classList.contains('used')) slot.classList.add('used');
        const s = slot.getBoundingClientRect(), o = view.getBoundingClientRect();
        r = { x: s.left - o.left, y: s.top - o.top, w, h };
      } else if (r === null) r = { x: 8, y: 8, w, h };
      else blocked.push(r);
      l.box = r;
      l.el.style.transform = `translate(${Math.round(r.x)}px, ${Math.round(r.y)}px)`;
    }
    const shown = list.filter((l) => !l.el.hidden && l.side !== 'corner');
    const counts = readouts.getState().readout?.counts ?? null;
    const items: LabelItem[] = shown.map((l) => {
      p.set(l.anchor[0], l.anchor[1], l.anchor[2]).project(camera);
      const ax = ((p.x + 1) / 2) * size.width, ay = ((1 - p.y) / 2) * size.height;
      const dir = l.side === 'right' ? [1, 0] : l.side === 'below' ? [0, 1] : [ax - cx, ay - cy];
      const gap = l.side === 'right' ? 22 : l.side === 'below' ? 14 : 6;
      // what is drawn at the anchor (the disc of the neurons there, w̄'s ring), in pixels with the
      // sphere's radius on screen as the scale: the label keeps clear of it (a projector's "v₁"
      // sat in blue on its blue disc), and w̄'s is no place for any other label either (at
      // k = 16 on a phone v₁₀'s sat inside the ring)
      const reach = Math.max(l.marker ?? 0, l.cluster !== undefined ? clusterRadius(clusterCount(counts, l.cluster)) : 0) * disc.r;
      if (l.marker !== undefined) blocked.push({ x: ax - reach, y: ay - reach, w: 2 * reach, h: 2 * reach });
      return { ax, ay, w: l.el.offsetWidth, h: l.el.offsetHeight, dx: dir[0], dy: dir[1], gap: Math.max(gap, reach + 3) };
    });
    const rects = placeLabels(items, size.width, size.height, 2, blocked);
    shown.forEach((l, i) => {
      const r = rects[i];
      l.box = r;
      l.el.style.transform = `translate(${Math.round(r.x)}px, ${Math.round(r.y)}px)`;
    });
  });
  return null;
}

// Inside the canvas's render loop: projects each label's anchor with the current camera and
// places the labels apart (labelLayout.ts). Also writes the search hint's text, from the count
// Neurons made in the same render. Runs only when the canvas renders (a frame, a camera move).
import { useFrame } from '@react-three/fiber';
import { useRef } from 'react';
import { Vector3 } from 'three';
import type { Readout } from '../state/store.ts';
import { useReadoutSource } from './frameSource.ts';
import { placeLabels, type LabelItem, type Rect } from './labelLayout.ts';
import { useViewLabels } from './sceneLabels.ts';

function searchText(near: number, counts: Readout['counts'] | null): string {
  const equator = Math.min(near, counts?.otherKinds.equator ?? 0);
  const lines = [];
  if (near - equator > 0) lines.push(`still searching: ${near - equator}`);
  if (equator > 0) lines.push(`on the equator (no positive overlap): ${equator}`);
  return lines.join('\n');
}

export function LabelPlacer() {
  const v = useRef(new Vector3());
  const shownSearch = useRef('');
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
      for (const el of view.querySelectorAll('.view-tools, .view-footer > *, .touch-hint')) {
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
    // corner notes first: they take a fixed place, which the other labels then avoid
    for (const l of list) l.box = null;
    let cornerTop = 8;
    let tools: Rect | null = null;
    if (view) {
      const hint = view.querySelector<HTMLElement>('.touch-hint');
      if (hint && hint.offsetHeight > 0) cornerTop = hint.offsetTop + hint.offsetHeight + 6;
      const t = view.querySelector<HTMLElement>('.view-tools');
      if (t && t.offsetWidth > 0) tools = { x: t.offsetLeft, y: t.offsetTop, w: t.offsetWidth, h: t.offsetHeight };
    }
    for (const l of list) {
      if (l.side !== 'corner' || l.el.hidden) continue;
      const w = l.el.offsetWidth, h = l.el.offsetHeight;
      // a narrow view (split pane, phone): under the buttons rather than behind them
      if (tools && 8 + w > tools.x - 4 && cornerTop < tools.y + tools.h + 4) cornerTop = tools.y + tools.h + 6;
      const r: Rect = { x: 8, y: cornerTop, w, h };
      cornerTop += r.h + 6;
      l.box = r;
      blocked.push(r);
      l.el.style.transform = `translate(${r.x}px, ${r.y}px)`;
    }
    const p = v.current;
    p.set(0, 0, 0).project(camera);
    const cx = ((p.x + 1) / 2) * size.width, cy = ((1 - p.y) / 2) * size.height;
    const shown = list.filter((l) => !l.el.hidden && l.side !== 'corner');
    const items: LabelItem[] = shown.map((l) => {
      p.set(l.anchor[0], l.anchor[1], l.anchor[2]).project(camera);
      const ax = ((p.x + 1) / 2) * size.width, ay = ((1 - p.y) / 2) * size.height;
      const dir = l.side === 'right' ? [1, 0] : l.side === 'below' ? [0, 1] : [ax - cx, ay - cy];
      return { ax, ay, w: l.el.offsetWidth, h: l.el.offsetHeight, dx: dir[0], dy: dir[1], gap: l.side === 'right' ? 22 : l.side === 'below' ? 14 : 6 };
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

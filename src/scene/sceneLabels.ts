// The view's labels live in one DOM layer over the canvas (SceneLabels.tsx) and are placed
// by LabelPlacer inside the canvas's render loop, which knows the camera. This registry is
// what the two share: each label's element, its 3-D anchor, its preferred side, and where it
// was last placed (Save image draws the labels from there).
import type { Rect } from './labelLayout.ts';

export type LabelSide = 'outward' | 'right' | 'below';

export interface SceneLabel {
  el: HTMLElement;
  anchor: [number, number, number];
  side: LabelSide;
  /** placed box in CSS pixels of the view (null until placed or while hidden) */
  box: Rect | null;
}

/** Labels in priority order: earlier ones keep their preferred places. */
export const sceneLabels = { list: [] as SceneLabel[], version: 0 };

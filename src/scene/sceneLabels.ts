// The view's labels live in one DOM layer over the canvas (SceneLabels.tsx) and are placed
// by LabelPlacer inside the canvas's render loop, which knows the camera. This registry is
// what the two share, one registry per view: each label's element, its 3-D anchor, its preferred side, and where it
// was last placed (Save image draws the labels from there).
import { createContext, useContext } from 'react';
import type { ClusterPoint } from './ClusterMarker.tsx';
import type { Rect } from './labelLayout.ts';

/** 'corner': a note that belongs to no point of the sphere, kept in the view's top-left corner */
export type LabelSide = 'outward' | 'right' | 'below' | 'corner';

export interface SceneLabel {
  el: HTMLElement;
  anchor: [number, number, number];
  side: LabelSide;
  /** the point whose disc (ClusterMarker) is at the anchor: the label keeps clear of it */
  cluster?: ClusterPoint;
  /** a marker drawn at the anchor (w̄'s ring), radius in world units: the other labels keep off it and its disc */
  marker?: number;
  /** placed box in CSS pixels of the view (null until placed or while hidden) */
  box: Rect | null;
}

/** One view's labels, in priority order (earlier ones keep their preferred places). */
export interface ViewLabels {
  list: SceneLabel[];
  version: number;
  /** neurons still searching in the frame drawn last (Neurons writes, LabelPlacer reads) */
  searching: number;
}

export const newViewLabels = (): ViewLabels => ({ list: [], version: 0, searching: 0 });

/** The page's view (Save image draws its labels); a split view's second pane has its own. */
export const sceneLabels: ViewLabels = newViewLabels();

export const ViewLabelsContext = createContext<ViewLabels>(sceneLabels);

export const useViewLabels = (): ViewLabels => useContext(ViewLabelsContext);

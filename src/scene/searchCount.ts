// Neurons counts those still searching near the centre on every new frame, into its view's
// label registry (sceneLabels.ts), where LabelPlacer reads it in the same render.

/** A neuron whose overlap with span(V) is below this has not escaped the plateau yet. */
export const SEARCH_RADIUS = 0.3;

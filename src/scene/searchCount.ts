// How many neurons are still searching near the centre, written by Neurons on every new frame
// and read by LabelPlacer in the same render: a plain object, not React state.

/** A neuron whose overlap with span(V) is below this has not escaped the plateau yet. */
export const SEARCH_RADIUS = 0.3;

export const searchCount = { value: 0, n: 0 };

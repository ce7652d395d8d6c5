// Charts draw on CPU-backed canvases. A GPU-backed 2-D canvas makes the page wait for the GPU
// after each redraw ("backpressure") whenever the GPU is busy with the sphere: with software GL
// every chart redraw during a β drag held the main thread 150–400 ms. A chart is a few hundred
// pixels of lines, cheap to draw on the CPU. uPlot takes its context itself, with no options,
// so the request is amended while (and only while) the chart is built.

type GetContext = HTMLCanvasElement['getContext'];

/** Runs `build` (synchronous) with every 2-D context it asks for on the CPU. */
export function withCpuCanvases<T>(build: () => T): T {
  const proto = HTMLCanvasElement.prototype;
  const original: GetContext = proto.getContext;
  const amended = function (this: HTMLCanvasElement, kind: string, options?: Record<string, unknown>) {
    return kind === '2d' ? original.call(this, kind, { ...options, willReadFrequently: true }) : original.call(this, kind as '2d', options);
  } as GetContext;
  proto.getContext = amended;
  try {
    return build();
  } finally {
    proto.getContext = original;
  }
}

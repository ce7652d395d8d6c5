// The runners' animation loop and wall clock, apart from the browser's so the runners can be
// driven frame by frame in a test.
export interface FrameLoop {
  /** wall time, ms */
  now(): number;
  /** runs `callback` before the next repaint */
  request(callback: () => void): number;
  cancel(handle: number): void;
}

export const browserFrameLoop: FrameLoop = {
  now: () => performance.now(),
  request: (callback) => requestAnimationFrame(callback),
  cancel: (handle) => cancelAnimationFrame(handle),
};

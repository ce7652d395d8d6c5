// Work for an idle page, one slice per idle callback: each slice is short, so a β drag that meets
// one is not held up, where all of them at once would be one long task.

/** Runs the slices in order, each when the page is idle; returns a cancel for those not yet run. */
export function inIdleSlices(slices: (() => void)[]): () => void {
  let next = 0;
  let cancel = () => {};
  const schedule = () => {
    if (next >= slices.length) return;
    const run = () => {
      slices[next++]();
      schedule();
    };
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(run, { timeout: 5000 });
      cancel = () => cancelIdleCallback(id);
    } else {
      const id = setTimeout(run, 0);
      cancel = () => clearTimeout(id);
    }
  };
  schedule();
  return () => cancel();
}

// The arithmetic limit the benches compare against: multiply-adds per CPU second of a plain
// JavaScript loop that does nothing else (eight independent chains a ← a·x + y, so neither the
// latency of one chain nor memory limits it). Scalar JavaScript has no fused multiply-add and
// no SIMD, so this is what any hand-written loop over Float64Array can at best reach here.

function cpuNow(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
}

function chains(rounds: number, x: number, y: number): number {
  let a = 0, b = 0.1, c = 0.2, d = 0.3, e = 0.4, f = 0.5, g = 0.6, h = 0.7;
  for (let r = 0; r < rounds; r++) {
    a = a * x + y; b = b * x + y; c = c * x + y; d = d * x + y;
    e = e * x + y; f = f * x + y; g = g * x + y; h = h * x + y;
  }
  return a + b + c + d + e + f + g + h;
}

/** Best multiply-adds per CPU second over 3 turns of at least `seconds` / 3 each. */
export function scalarMaddPeak(seconds = 0.6): number {
  const rounds = 1_000_000;
  let sink = chains(rounds, 0.999999, 1e-6);
  let best = 0;
  for (let turn = 0; turn < 3; turn++) {
    const c0 = cpuNow();
    let done = 0;
    while (cpuNow() - c0 < seconds / 3) {
      sink += chains(rounds, 0.999999, 1e-6);
      done += rounds;
    }
    best = Math.max(best, (8 * done) / (cpuNow() - c0));
  }
  // the sum is used, so the loop cannot be dropped as dead code
  if (!Number.isFinite(sink)) throw new Error('the peak loop overflowed');
  return best;
}

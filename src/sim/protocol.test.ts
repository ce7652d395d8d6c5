import { describe, expect, it } from 'vitest';
import { allocateFrameBuffers, fitsRun, transferablesOf } from './protocol.ts';

describe('protocol helpers', () => {
  it('allocates n·k overlaps, n·3 positions and n codes', () => {
    const b = allocateFrameBuffers(7, 4);
    expect(b.overlaps).toBeInstanceOf(Float64Array);
    expect(b.overlaps.length).toBe(28);
    expect(b.positions).toBeInstanceOf(Float32Array);
    expect(b.positions.length).toBe(21);
    expect(b.codes).toBeInstanceOf(Uint8Array);
    expect(b.codes.length).toBe(7);
  });

  it('fitsRun accepts only buffers of exactly the run size', () => {
    const b = allocateFrameBuffers(5, 3);
    expect(fitsRun(b, 5, 3)).toBe(true);
    expect(fitsRun(b, 5, 2)).toBe(false);
    expect(fitsRun(b, 4, 3)).toBe(false);
    expect(fitsRun(b, 15, 1)).toBe(false);
    expect(fitsRun(undefined, 5, 3)).toBe(false);
  });

  it('transfers the three distinct underlying buffers', () => {
    const b = allocateFrameBuffers(3, 2);
    const t = transferablesOf(b);
    expect(t).toEqual([b.overlaps.buffer, b.positions.buffer, b.codes.buffer]);
    expect(new Set(t).size).toBe(3);
  });
});

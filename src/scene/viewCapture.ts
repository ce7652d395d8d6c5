// Save image at a chosen size renders the 3-D view once more at a higher pixel ratio rather
// than enlarging the picture on screen (which would blur dots and arrows). The canvas's
// render loop knows how (ViewCapture.tsx); this registry is how the share panel reaches it.

/** Renders the view at `dpr` image pixels per CSS pixel; the returned function restores it. */
export type RenderAt = (dpr: number) => Promise<() => void>;

export const viewCapture = new Map<HTMLCanvasElement, RenderAt>();

/** Image pixels beyond which a requested size is reduced (memory on phones, canvas limits). */
export const MAX_IMAGE_PIXELS = 40e6;
/** Longest side any browser's canvas reliably takes. */
export const MAX_IMAGE_SIDE = 8192;

/**
 * The largest scale not above `wanted` at which a `w` × `h` CSS-pixel picture fits the limits
 * (`maxSide`: the GPU's own limit when lower than MAX_IMAGE_SIDE).
 */
export function fittedScale(wanted: number, w: number, h: number, maxSide = MAX_IMAGE_SIDE): number {
  const side = Math.min(maxSide, MAX_IMAGE_SIDE) / Math.max(w, h, 1);
  const area = Math.sqrt(MAX_IMAGE_PIXELS / Math.max(w * h, 1));
  return Math.max(1, Math.min(wanted, side, area));
}

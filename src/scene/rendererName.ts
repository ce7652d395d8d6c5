// The name of the renderer behind a WebGL context, for state/renderer.ts. Browsers that mask
// RENDERER (Chromium answers "WebKit WebGL") give the real one through WEBGL_debug_renderer_info;
// the others already answer with it, and some warn when that extension is asked for.
import { isSoftwareRenderer, rendererStore } from '../state/renderer.ts';

const MASKED = 'WebKit WebGL';

export function rendererName(gl: WebGLRenderingContext | WebGL2RenderingContext): string {
  const plain = gl.getParameter(gl.RENDERER);
  if (typeof plain === 'string' && plain !== MASKED) return plain;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const unmasked = info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : null;
  return typeof unmasked === 'string' ? unmasked : '';
}

/** Tells the page whether its views are drawn in software (the runners' frame sizes follow). */
export function reportRenderer(gl: WebGLRenderingContext | WebGL2RenderingContext): void {
  const software = isSoftwareRenderer(rendererName(gl));
  if (rendererStore.getState().software !== software) rendererStore.setState({ software });
}

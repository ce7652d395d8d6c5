// Whether the page is drawn without a GPU, by a software renderer (SwiftShader, llvmpipe, …).
// Then every repaint is drawn by the same CPU the flow worker computes on: at 1280×720 a repaint
// cost the browser about 0.1 s of CPU on the 2-core machine of `npm run perf`, so a run behind its
// speed, drawn 20–30 times a second, lost half the machine to its own frames. The 3-D view says
// which renderer it got (scene/FlowView.tsx); the runners then ask a sample-based run for fewer,
// larger frames (app/runnerDeps.ts).
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export const rendererStore = createStore<{ software: boolean }>()(() => ({ software: false }));

export function useSoftwareRenderer(): boolean {
  return useStore(rendererStore, (s) => s.software);
}

const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/** Whether a WebGL renderer's name (its unmasked name where the browser gives it) is a software one. */
export function isSoftwareRenderer(name: string): boolean {
  return SOFTWARE_RENDERERS.test(name);
}

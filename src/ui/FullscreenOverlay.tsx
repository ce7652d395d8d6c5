// What the fullscreen view keeps of the page: play, step, reset and jump to end, and the β
// slider with its β_c mark, in one bar under the view (the time readout is part of the view panel already).
import { getAppStore, useApp } from '../state/store.ts';
import { BetaSlider } from './BetaControl.tsx';
import { fullscreenAvailable, toggleViewFullscreen, useViewFullscreen } from './fullscreen.ts';

export function FullscreenButton() {
  const on = useViewFullscreen();
  if (!fullscreenAvailable()) return null;
  return (
    <button type="button" className="view-fullscreen" name="fullscreen" aria-pressed={on} onClick={toggleViewFullscreen} title="Fullscreen view (F; Esc leaves)">
      {on ? 'Exit fullscreen' : 'Fullscreen'}
    </button>
  );
}

export function FullscreenOverlay() {
  const on = useViewFullscreen();
  const playing = useApp((s) => s.playing);
  if (!on) return null;
  const st = getAppStore().getState();
  return (
    <div className="fullscreen-bar" data-testid="fullscreen-bar">
      <div className="buttons">
        <button type="button" name="fs-play" onClick={st.togglePlay} aria-pressed={playing}>{playing ? 'Pause' : 'Play'}</button>
        <button type="button" name="fs-step" onClick={st.step}>Step</button>
        <button type="button" name="fs-reset" onClick={st.reset}>Reset</button>
        <button type="button" name="fs-end" onClick={st.toEnd}>Jump to end</button>
      </div>
      <div className="fullscreen-beta">
        <BetaSlider label="β" />
      </div>
    </div>
  );
}

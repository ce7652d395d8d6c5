// Page layout. Each panel reads the store through narrow selectors; none talks to the worker.
// Three areas: the view, with the time and Play/Step/Reset in one bar right under it (on a
// phone and in embed mode too, Play is next to what it plays); the presenter strip (β with
// its marks, speed, the outcome counts in a box of their own that scrolls rather than taking
// the charts' height, the overlap and loss plots), which a lecturer needs on screen together
// with the view; and everything else (the tour step on top, teaching, model, thresholds,
// sharing). app.css places them: one column on a phone, view beside a stacked column on a
// narrow window, three columns on a projector, where an open tour step is a drawer over the
// third column.
import { Suspense, lazy } from 'react';
import { useApp } from '../state/store.ts';
import { ModelControls, PlaybackControls, SpeedControl } from './Controls.tsx';
import { BetaControl } from './BetaControl.tsx';
import { DynamicsControls } from './DynamicsControls.tsx';
import { NoticeBar } from './NoticeBar.tsx';
import { OutcomeReadout, ThresholdReadout, TimeReadout } from './Readouts.tsx';
import { Caption } from './Caption.tsx';
import { RegimeSentence } from './RegimeSentence.tsx';
import { StagePlots, ThresholdPlots, useThresholdInStage } from '../plots/PlotsPanel.tsx';
import { SharePanel } from './share/SharePanel.tsx';
import { OpenFullLink } from './share/OpenFullLink.tsx';
import { EmbedControls } from './share/EmbedControls.tsx';
import './share/embed.css';
import { ShortcutsHelp } from './teach/ShortcutsHelp.tsx';
import { TeachPanel, TourDrawer } from './teach/TeachPanel.tsx';
import { useShortcuts } from './teach/useShortcuts.ts';
import { VIEW_PANEL_ID } from './fullscreen.ts';
import { FullscreenOverlay } from './FullscreenOverlay.tsx';
import { ViewArea } from './compare/SplitView.tsx';
import { LossControls } from './compare/LossControls.tsx';
import { SquaredLossReadout } from './compare/SquaredLossReadout.tsx';
import { ProjectionControl } from './ProjectionControl.tsx';
import { useAfterFirstFrame } from '../state/firstFrame.ts';
import { useScrollFade } from './useScrollFade.ts';
import { UpdatePrompt } from './pwa/UpdatePrompt.tsx';

// not needed for the first frame: loaded after it (state/firstFrame.ts)
const ExplorePanel = lazy(() => import('./explore/ExplorePanel.tsx'));

export function App() {
  const embed = useApp((s) => s.params.embed);
  const afterFirstFrame = useAfterFirstFrame();
  const countsBox = useScrollFade<HTMLDivElement>();
  const thresholdInStage = useThresholdInStage();
  useShortcuts();
  return (
    <div className={embed ? 'app embed' : 'app'}>
      {!embed && (
        <header className="app-header">
          <h1>Flowsphere</h1>
          <p className="tagline">gradient flow of a network learning a Gaussian multi-index model</p>
        </header>
      )}
      <NoticeBar />
      <main className="layout">
        <section className="view-panel" id={VIEW_PANEL_ID} aria-label="3-D view of the neurons on the sphere">
          <Suspense fallback={<div className="view-loading">loading the 3-D view…</div>}>
            <ViewArea />
          </Suspense>
          <div className="view-bar">
            <TimeReadout />
            <PlaybackControls speed={false} />
            {embed && <EmbedControls />}
            {embed && <OpenFullLink />}
          </div>
          {!embed && <RegimeSentence />}
          {!embed && <ProjectionControl />}
          <FullscreenOverlay />
          {!embed && <Caption />}
        </section>
        {!embed && (
          <section className="stage-panel" aria-label="β, speed and what the run shows">
            <BetaControl />
            <SpeedControl />
            {/* it scrolls when the counts are long, so it takes keyboard focus (arrows scroll it) */}
            <div ref={countsBox} className="counts-box" data-testid="counts-box" role="region" aria-label="outcome counts" tabIndex={0}>
              <OutcomeReadout />
              <SquaredLossReadout />
            </div>
            <StagePlots />
          </section>
        )}
        {!embed && (
          <aside className="side-panel">
            <TourDrawer />
            <TeachPanel />
            <ModelControls />
            <LossControls />
            <DynamicsControls />
            <ThresholdReadout />
            {!thresholdInStage && <ThresholdPlots />}
            <SharePanel />
          </aside>
        )}
      </main>
      {!embed && afterFirstFrame && (
        <Suspense fallback={null}>
          <ExplorePanel />
        </Suspense>
      )}
      {/* one instance for every mode: ? opens it in embed mode too, where the teaching panel is hidden */}
      <ShortcutsHelp />
      <UpdatePrompt />
    </div>
  );
}

// The 2-D plots next to the view: the β_c threshold, neuron overlaps and the loss.
import { LossPlot } from './LossPlot.tsx';
import { GenErrorPlot } from './GenErrorPlot.tsx';
import { OverlapPlot } from './OverlapPlot.tsx';
import { ThresholdPlot } from './ThresholdPlot.tsx';
import './plots.css';

export function PlotsPanel() {
  return (
    <section className="plots" aria-label="plots">
      <ThresholdPlot />
      <OverlapPlot />
      <LossPlot />
      <GenErrorPlot />
    </section>
  );
}

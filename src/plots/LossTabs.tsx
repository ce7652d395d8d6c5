// With the squared loss the strip has three time charts, and three do not fit beside the view
// at 1280×720 with a readable height each: the two loss charts share one place, as tabs
// (WAI-ARIA tabs: ←/→ between them, Tab into the shown chart). The squared loss opens first:
// E[(f − f*)²] is the honest measure of learning there (docs/model.md).
import { useId, useState, type KeyboardEvent } from 'react';
import { GenErrorPlot } from './GenErrorPlot.tsx';
import { LossPlot } from './LossPlot.tsx';

const TABS = [
  { id: 'squared', label: 'Squared loss E[(f − f*)²]', Chart: GenErrorPlot },
  { id: 'loss', label: 'Loss per neuron', Chart: LossPlot },
] as const;

export function LossTabs() {
  const [shown, setShown] = useState(0);
  const base = useId();
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const next = (shown + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length;
    setShown(next);
    document.getElementById(`${base}-tab-${next}`)?.focus();
  };
  return (
    <div className="loss-tabs" data-testid="loss-tabs">
      <div className="loss-tab-list" role="tablist" aria-label="loss charts" onKeyDown={onKey}>
        {TABS.map((t, i) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`${base}-tab-${i}`}
            aria-selected={i === shown}
            aria-controls={`${base}-panel-${i}`}
            tabIndex={i === shown ? 0 : -1}
            name={`chart-${t.id}`}
            onClick={() => setShown(i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {TABS.map(({ id, Chart }, i) => (
        <div key={id} className="loss-tab-panel" role="tabpanel" id={`${base}-panel-${i}`} aria-labelledby={`${base}-tab-${i}`} hidden={i !== shown}>
          <Chart />
        </div>
      ))}
    </div>
  );
}

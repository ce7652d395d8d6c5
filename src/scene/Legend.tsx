// Colour key of the neurons, drawn over the corner of the view.
import { colourKey, type Swatch } from './colourKey.ts';

function SwatchMark({ swatch }: { swatch: Swatch }) {
  return <span className={`swatch ${swatch.glyph}`} style={{ background: swatch.colour }} />;
}

const STRIP_TITLE = "a neuron takes the colour and shape of the index vector it is heading for, as that vector's label on the sphere shows";

export function Legend({ k }: { k: number }) {
  return (
    <ul className="view-legend" aria-label="colour key of the neurons">
      {colourKey(k).map((e) =>
        e.swatches.length > 1 ? (
          <li key={e.text} title={STRIP_TITLE}>
            <span className="swatch-strip" aria-hidden="true">
              {e.swatches.map((s, j) => (
                <SwatchMark key={j} swatch={s} />
              ))}
            </span>
            {e.text}
          </li>
        ) : (
          <li key={e.text}>
            <SwatchMark swatch={e.swatches[0]} />
            {e.text}
          </li>
        ),
      )}
    </ul>
  );
}

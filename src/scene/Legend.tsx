// Colour key of the neurons, drawn over the corner of the view.
import { colourKey, type KeyEntry } from './colourKey.ts';

function Swatch({ entry }: { entry: KeyEntry }) {
  return <span className={`swatch ${entry.glyph}`} style={{ background: entry.colour }} />;
}

export function Legend({ k }: { k: number }) {
  const key = colourKey(k);
  return (
    <ul className="view-legend" aria-label="colour key of the neurons">
      {key.named ? (
        key.vectors.map((e) => (
          <li key={e.text}>
            <Swatch entry={e} />
            {e.text}
          </li>
        ))
      ) : (
        <li title="a neuron takes the colour and shape of the index vector it is heading for, as that vector's label on the sphere shows">
          <span className="swatch-strip" aria-hidden="true">
            {key.vectors.map((e) => (
              <Swatch key={e.text} entry={e} />
            ))}
          </span>
          {key.stripText}
        </li>
      )}
      {key.rest.map((e) => (
        <li key={e.text}>
          <Swatch entry={e} />
          {e.text}
        </li>
      ))}
    </ul>
  );
}

// A pane's heading in the words and symbols of the page, from its label in link syntax
// (`beta=0.255`, `loss=mse`): the link's syntax stays for the notices that cite the link.

const SYMBOLS: Record<string, string> = { beta: 'β', eta: 'η', sigma: 'σ', target: 'σ*' };
const VALUES: Record<string, Record<string, string>> = {
  loss: { corr: 'correlation loss', mse: 'squared loss' },
  dyn: { flow: 'gradient flow', sgd: 'online SGD' },
};

export function paneTitle(label: string): string {
  const at = label.indexOf('=');
  if (at < 0) return label;
  const key = label.slice(0, at), value = label.slice(at + 1);
  const named = VALUES[key]?.[value];
  if (named) return named;
  return `${SYMBOLS[key] ?? key} = ${value}`;
}

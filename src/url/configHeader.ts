// The one configuration header of every table we write (the app's sweep CSVs and the CLI's):
// lines `# key=value` before the column header, so a table carries what made it. Values are
// single-line text (a query is already URL-encoded); the reader stops at the first line that
// is not a header line.

export type ConfigEntries = ReadonlyArray<readonly [string, string | number | boolean]>;

const LINE = /^# ([A-Za-z][\w.-]*)=(.*)$/;

export function configHeader(entries: ConfigEntries): string {
  return entries
    .map(([key, value]) => {
      const text = String(value);
      if (!/^[A-Za-z][\w.-]*$/.test(key)) throw new Error(`configuration key "${key}" is not a plain name`);
      if (/[\r\n]/.test(text)) throw new Error(`configuration value of ${key} spans several lines`);
      return `# ${key}=${text}\n`;
    })
    .join('');
}

/** The header's entries in order, and the table after it. */
export function parseConfigHeader(text: string): { config: Map<string, string>; body: string } {
  const config = new Map<string, string>();
  let at = 0;
  while (at < text.length) {
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end < 0 ? text.length : end).replace(/\r$/, '');
    const m = LINE.exec(line);
    if (!m) break;
    config.set(m[1], m[2]);
    at = end < 0 ? text.length : end + 1;
  }
  return { config, body: text.slice(at) };
}

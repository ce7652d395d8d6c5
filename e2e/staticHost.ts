// A throwaway static host for the built app, owned by one test: it serves the build folder
// under a sub-path (as a lecturer's university server might), can swap in a changed file (a
// "new deployment"), and can be shut down to take the network away, service worker included.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.webmanifest': 'application/manifest+json',
  '.json': 'application/json',
};

export interface StaticHost {
  /** e.g. http://127.0.0.1:41234/hall/ */
  url: string;
  /** serve `text` instead of the file at `path` (relative to the build folder) */
  replace(path: string, text: string): void;
  /** requests that reached the host, as paths below the sub-path */
  served: string[];
  close(): Promise<void>;
}

export async function startStaticHost(root: string, prefix = '/hall/'): Promise<StaticHost> {
  const replaced = new Map<string, string>();
  const served: string[] = [];
  let underWay = 0;
  let onDrained: (() => void) | null = null;
  const server: Server = createServer(async (req, res) => {
    underWay++;
    res.on('close', () => {
      if (--underWay === 0) onDrained?.();
    });
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end();
      return;
    }
    const asked = path.slice(prefix.length);
    // a directory gets its index.html; nothing outside the build folder is reachable
    const rel = asked === '' || asked.endsWith('/') ? `${asked}index.html` : normalize(asked);
    if (rel.startsWith('..')) {
      res.writeHead(403).end();
      return;
    }
    served.push(rel);
    try {
      const body = replaced.get(rel) ?? (await readFile(join(root, rel)));
      res.writeHead(200, { 'Content-Type': TYPES[extname(rel)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    replace: (path, text) => replaced.set(path, text),
    served,
    // no new connections; the requests under way finish first (cutting one is a reset the page
    // logs as an error), then the idle kept-alive connections end
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        onDrained = () => server.closeAllConnections();
        if (underWay === 0) onDrained();
      }),
  };
}

import fs from 'node:fs';
import path from 'node:path';
import type { RequestHandler } from 'express';

const ENCODINGS = [
  { name: 'br', ext: '.br' },
  { name: 'gzip', ext: '.gz' },
] as const;

/**
 * Serves `<file>.br` / `<file>.gz` written beside a build's files (apps/admin/vite.config.mts) to browsers that accept
 * them, with the original's type and the long cache of hashed files; anything else falls through to express.static
 * (and to on-the-fly compression). The variants found are remembered per file: a build is never changed in place.
 */
export function precompressed(dir: string): RequestHandler {
  const root = path.resolve(dir);
  const known = new Map<string, Set<string>>();
  const present = (rel: string): Set<string> => {
    const cached = known.get(rel);
    if (cached) return cached;
    const file = path.join(root, rel);
    if (!file.startsWith(root + path.sep)) return new Set();
    const found = new Set<string>(ENCODINGS.filter((e) => fs.existsSync(file + e.ext)).map((e) => e.name));
    // only hits are remembered, so that requests for made-up names cannot grow the map
    if (found.size) known.set(rel, found);
    return found;
  };
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let rel: string;
    try {
      rel = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    const available = present(rel);
    if (available.size === 0) return next();
    res.vary('Accept-Encoding');
    // ours first (brotli is the smaller), among those the browser accepts at all — its own order is no preference
    const encoding = ENCODINGS.find((e) => available.has(e.name) && req.acceptsEncodings(e.name) === e.name);
    if (!encoding) return next();
    res.type(path.extname(rel));
    res.setHeader('Content-Encoding', encoding.name);
    res.sendFile(rel + encoding.ext, { root, dotfiles: 'deny', maxAge: '365d', immutable: true }, (err) => {
      if (err) next(err);
    });
  };
}

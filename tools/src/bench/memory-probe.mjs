/**
 * Preloaded by a benchmark into a server it starts (NODE_OPTIONS=--import=<this file>, BENCH_MEMORY_FILE=<file>):
 * every 100 ms the process appends its memory to the file as one JSON line — the time, its resident set and that
 * set's two parts (/proc/self/status: RssAnon, the process's own pages; RssFile, pages of files it maps — on SQLite
 * the database file, read through a memory map), the V8 heap used and committed, and what Buffers and ArrayBuffers
 * hold outside the heap. Read from outside, a process's RSS says nothing of its heap; this says both.
 */
import fs from 'node:fs';

const file = process.env.BENCH_MEMORY_FILE;
if (file) {
  const fd = fs.openSync(file, 'a');
  const bytes = (status, key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  setInterval(() => {
    const m = process.memoryUsage();
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    const line = { t: Date.now(), rss: m.rss, anon: bytes(status, 'RssAnon'), file: bytes(status, 'RssFile'), heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers };
    fs.writeSync(fd, `${JSON.stringify(line)}\n`);
  }, 100).unref();
}

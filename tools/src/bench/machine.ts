/**
 * What every benchmark prints besides its figures (issue 19): the engine it ran on, and the load of the machine it
 * saw — these machines are shared, so a figure without the load next to it cannot be compared with another.
 */
import fs from 'node:fs';
import os from 'node:os';

/** The PostgreSQL server a `--pg` run uses: `--pg=<url>`, else BENCH_PG_URL, else the local server. */
export function benchTarget(argv: string[] = process.argv.slice(2)): { engine: 'sqlite' | 'postgresql'; pgUrl: string | null } {
  const flag = argv.find((a) => a === '--pg' || a.startsWith('--pg='));
  if (!flag) return { engine: 'sqlite', pgUrl: null };
  const url = flag.includes('=') ? flag.slice('--pg='.length) : (process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  return { engine: 'postgresql', pgUrl: url };
}

/** One line about the machine: cores, memory, Node, and the 1/5/15-minute load averages. */
export function machineLine(): string {
  const [l1, l5, l15] = os.loadavg().map((l) => l.toFixed(2));
  return `machine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average ${l1} / ${l5} / ${l15}`;
}

export interface Measured<T> {
  value: T;
  /** wall-clock time */
  wallMs: number;
  /** CPU time of this process (user + system) — the database server's own CPU is not included */
  cpuMs: number;
}

/** Runs `fn` and reports its wall time and this process's CPU time. */
export async function measure<T>(fn: () => Promise<T>): Promise<Measured<T>> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { value, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** CPU time (user + system) a process of this machine has used so far, in ms (Linux /proc, 10 ms ticks) — e.g. a PostgreSQL backend's. */
export function processCpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

export const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] as number;
};

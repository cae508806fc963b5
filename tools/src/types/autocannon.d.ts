/** The part of autocannon's API the benchmarks use (the package ships no types; @types/autocannon would add a dependency for two calls). */
declare module 'autocannon' {
  interface Histogram {
    average: number;
    p50: number;
    p99: number;
  }
  interface Result {
    /** `total`: the requests answered in the run */
    requests: Histogram & { total: number };
    latency: Histogram;
    non2xx: number;
    errors: number;
    timeouts: number;
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    headers?: Record<string, string>;
    /** requests in turn; `setupRequest` may rewrite each one (the path, e.g. the key looked up) */
    requests?: { setupRequest?: (req: { path: string }) => { path: string } }[];
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}

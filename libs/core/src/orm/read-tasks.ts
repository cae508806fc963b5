import type { EntityManager } from '@mikro-orm/knex';

/** Progress of a long read: `done` of `total` steps, and what the step was. */
export type ReadProgress = (done: number, total: number, label: string) => void;

/**
 * A read that may take seconds at a city's or a province's size — an assessment's facts, the leadership dashboard,
 * the usage statistics over a year — named so that it can run somewhere else than on the caller's connection: in a
 * worker thread with a connection of its own (libs/platform workers/reader.ts), where better-sqlite3's synchronous
 * statements do not stop the API's other requests (issue 19, finding 5). Its arguments and its result cross a
 * thread: plain data (objects, arrays, strings, numbers, booleans, null, Dates). It only reads: what it sees is the
 * committed state, as any other connection would.
 */
export interface ReadTask<A, R> {
  readonly name: string;
  run(em: EntityManager, args: A, progress?: ReadProgress): Promise<R>;
}

export const readTask = <A, R>(name: string, run: (em: EntityManager, args: A, progress?: ReadProgress) => Promise<R>): ReadTask<A, R> => ({ name, run });

/** Where read tasks run when not at once on the caller's connection (set once at the API's start). */
export interface ReadRunner {
  run<A, R>(em: EntityManager, task: ReadTask<A, R>, args: A, progress?: ReadProgress): Promise<R>;
}

let runner: ReadRunner | null = null;

/**
 * Sets where `runRead` sends its tasks: the API on SQLite sets a worker-thread runner (main.ts); null — the default,
 * and PostgreSQL's, whose driver does not block the event loop — runs them at once on the caller's connection.
 * Returns the runner it replaces.
 */
export function useReadRunner(next: ReadRunner | null): ReadRunner | null {
  const previous = runner;
  runner = next;
  return previous;
}

/** Runs a read task through the runner set by `useReadRunner`, or at once on `em`'s connection. */
export function runRead<A, R>(em: EntityManager, task: ReadTask<A, R>, args: A, progress?: ReadProgress): Promise<R> {
  return runner ? runner.run(em, task, args, progress) : task.run(em, args, progress);
}

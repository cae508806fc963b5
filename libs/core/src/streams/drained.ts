/** What `drained` needs of a stream: Node's writable streams and HTTP responses have it. */
interface DrainSource {
  on(event: 'drain', listener: () => void): unknown;
}

/**
 * Resolves at the stream's next 'drain' (after `write` returned false). The listener removes itself from the emitter
 * that called it: the compression middleware hands a response's `on('drain')` to its gzip stream, where the wrapper
 * of `res.once` — which removes itself from `res` — stayed for good, one more at every wait of a long download
 * (Node's MaxListenersExceededWarning on [Gzip]).
 */
export function drained(out: DrainSource): Promise<void> {
  return new Promise((resolve) => {
    out.on('drain', function onDrain(this: { removeListener(event: 'drain', listener: () => void): unknown }) {
      this.removeListener('drain', onDrain);
      resolve();
    });
  });
}

/** The part of Electron's `app` that quitting needs (a test drives it with a plain emitter). */
export interface QuittingApp {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

/**
 * Holds the first quit until the core has stopped (a log refresh or a compaction in progress
 * finishes, a running sync is cancelled, the models unload, the store closes), then quits for
 * real. A stop that hangs does not keep the app alive: after `limitMs` it quits anyway, as
 * every write it may cut commits with its watermark.
 */
export function quitAfterStop(app: QuittingApp, stop: () => Promise<void>, onError: (error: unknown) => void, limitMs = 15_000): void {
  let state: 'running' | 'stopping' | 'stopped' = 'running';
  app.on('before-quit', (event) => {
    if (state === 'stopped') return;
    event.preventDefault();
    if (state === 'stopping') return;
    state = 'stopping';
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<void>((resolve) => (timer = setTimeout(resolve, limitMs)));
    Promise.race([stop(), limit])
      .catch(onError)
      .finally(() => {
        clearTimeout(timer);
        state = 'stopped';
        app.quit();
      });
  });
}

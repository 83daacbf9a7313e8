import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { quitAfterStop } from '../../../electron/quitAfterStop.js';

/** Electron's quit sequence in miniature: before-quit listeners may prevent it, otherwise the app exits. */
function fakeApp() {
  const emitter = new EventEmitter();
  const app = {
    exited: false,
    on: (event: 'before-quit', listener: (e: { preventDefault(): void }) => void) => emitter.on(event, listener),
    quit() {
      let prevented = false;
      emitter.emit('before-quit', { preventDefault: () => (prevented = true) });
      if (!prevented) app.exited = true;
    },
  };
  return app;
}

describe('quitting the app', () => {
  it('waits for the core to stop before the app exits, however many times Quit is pressed', async () => {
    const app = fakeApp();
    let finishStop: () => void = () => {};
    let stops = 0;
    quitAfterStop(
      app,
      () => {
        stops += 1;
        return new Promise<void>((resolve) => (finishStop = resolve));
      },
      () => {},
    );
    app.quit();
    app.quit();
    expect(app.exited).toBe(false);
    expect(stops).toBe(1);
    finishStop();
    await new Promise((r) => setTimeout(r, 0));
    expect(app.exited).toBe(true);
  });

  it('quits after a failed or hung stop, once the limit has passed', async () => {
    const failed = fakeApp();
    const errors: unknown[] = [];
    quitAfterStop(
      failed,
      () => Promise.reject(new Error('disk gone')),
      (e) => errors.push(e),
    );
    failed.quit();
    await new Promise((r) => setTimeout(r, 0));
    expect([failed.exited, errors.length]).toEqual([true, 1]);

    const hung = fakeApp();
    quitAfterStop(
      hung,
      () => new Promise<void>(() => {}),
      () => {},
      50,
    );
    hung.quit();
    expect(hung.exited).toBe(false);
    await new Promise((r) => setTimeout(r, 80));
    expect(hung.exited).toBe(true);
  });
});

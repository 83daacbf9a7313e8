import type { GenbaEvent } from './types.js';

export interface EventBus {
  emit(event: GenbaEvent): void;
  on(listener: (event: GenbaEvent) => void): () => void;
}

/** Synchronous fan-out; a failing listener must not stop the others or the emitter. */
export function createEventBus(onListenerError: (error: unknown) => void = () => {}): EventBus {
  const listeners = new Set<(event: GenbaEvent) => void>();
  return {
    emit(event) {
      for (const l of [...listeners]) {
        try {
          l(event);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

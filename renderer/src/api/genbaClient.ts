import type { Channel, RequestOf, ResponseOf } from '../../../main/api/contract';
import type { GenbaEvent } from '../../../main/api/types';

/** An error envelope from the core, carried as an exception inside the renderer. */
export class GenbaCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The only way the renderer talks to the core: the typed contract on window.genba. */
export async function call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf[C]> {
  const envelope = await window.genba.invoke(channel, request);
  if (!envelope.ok) throw new GenbaCallError(envelope.error.code, envelope.error.message);
  return envelope.value;
}

export function onEvent(listener: (event: GenbaEvent) => void): () => void {
  return window.genba.onEvent(listener);
}

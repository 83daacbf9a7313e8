import { z } from 'zod';
import type { Channel } from './channelNames.js';
import type { DemoResetResult, GenbaEvent, Overview, Settings, StatusInfo } from './types.js';

const empty = z.object({}).strict();

/** Runtime validation of every request. Unknown keys are refused, not ignored. */
export const REQUEST_SCHEMAS = {
  'status.get': empty,
  'overview.get': empty,
  'settings.get': empty,
  'settings.update': z.object({ lang: z.enum(['ja', 'en']) }).strict(),
  'demo.reset': empty,
  'alerts.pause': z.object({ minutes: z.number().int().min(1).max(24 * 60) }).strict(),
} as const satisfies Record<Channel, z.ZodType>;

export interface ResponseOf {
  'status.get': StatusInfo;
  'overview.get': Overview;
  'settings.get': Settings;
  'settings.update': Settings;
  'demo.reset': DemoResetResult;
  'alerts.pause': { pausedUntil: number };
}

export type RequestOf<C extends Channel> = z.input<(typeof REQUEST_SCHEMAS)[C]>;

export interface ErrorBody { code: string; message: string }
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

/** What `window.genba` is: the preload in Electron, a Playwright binding in tests. */
export interface GenbaBridge {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Envelope<ResponseOf[C]>>;
  /** Subscribes to pushed events; returns the unsubscribe function. */
  onEvent(listener: (event: GenbaEvent) => void): () => void;
}

export type { Channel };

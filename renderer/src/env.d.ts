import type { GenbaBridge } from '../../main/api/contract';

declare global {
  interface Window {
    /** The typed contract, exposed by the preload (or by the e2e harness). */
    genba: GenbaBridge;
  }
}

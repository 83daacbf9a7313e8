/** Set by the bundlers and the test runner (scripts/buildId.mjs): absent when the core runs from source (`npm run genba`). */
declare const __GENBA_BUILD__: string | undefined;

/**
 * This build of Genba (a hash of its core's sources and its libraries' versions), or null when it is not known: then
 * nothing computed is kept to give again, since a changed program could not be told from the one that computed it.
 */
export const BUILD_ID: string | null = typeof __GENBA_BUILD__ === 'string' ? __GENBA_BUILD__ : null;

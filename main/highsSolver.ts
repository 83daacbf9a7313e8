export type Highs = Awaited<ReturnType<typeof import('highs').default>>;

let highs: Promise<Highs> | null = null;

/**
 * HiGHS compiled to WebAssembly, loaded once per process and shared by the move optimizer
 * and the staffing plan: one module to compile and warm, not one per caller. Each solve
 * creates its own model. Its glue code (170 kB) loads with the first solve, not with the
 * app: a `genba ask` that moves nobody never reads it.
 */
export const highsSolver = (): Promise<Highs> => (highs ??= import('highs').then((m) => m.default()));

import loadHighs from 'highs';

export type Highs = Awaited<ReturnType<typeof loadHighs>>;

let highs: Promise<Highs> | null = null;

/**
 * HiGHS compiled to WebAssembly, loaded once per process and shared by the move optimizer
 * and the staffing plan: one module to compile and warm, not one per caller. Each solve
 * creates its own model.
 */
export const highsSolver = (): Promise<Highs> => (highs ??= loadHighs());

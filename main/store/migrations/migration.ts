/** One step of the store's schema (the list and the runner are in ../migration.ts). */
export interface Migration {
  version: number;
  name: string;
  /** SQL run inside the migration's transaction. */
  up: string;
}

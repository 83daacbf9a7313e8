/**
 * Secrets (the MySQL password) never go to config or log files. The desktop app stores
 * them with the OS secret store (electron/safeStorageSecrets.ts); the CLI takes them from
 * the environment or a prompt and keeps them in memory for the run.
 */
export interface SecretStore {
  get(name: string): string | null;
  set(name: string, value: string): void;
  delete(name: string): void;
}

export const MYSQL_PASSWORD = 'mysql-password';
/** Whether the MySQL password is stored (the status line says so, never the password). */
export const mysqlPasswordStored = (secrets: SecretStore): boolean => secrets.get(MYSQL_PASSWORD) !== null;
/** The company ClickHouse's password, when logs come from there. */
export const CLICKHOUSE_PASSWORD = 'clickhouse-password';

export function memorySecretStore(initial: Record<string, string> = {}): SecretStore {
  const values = new Map(Object.entries(initial));
  return {
    get: (name) => values.get(name) ?? null,
    set: (name, value) => void values.set(name, value),
    delete: (name) => void values.delete(name),
  };
}

import type { DataSourceForm } from '../api/types.js';
import type { MySqlSourceConfig } from '../config/config.js';
import type { CompanyTable } from '../store/companyRows.js';
import { createMySqlSource, type MySqlSourceOptions } from './mysqlSource.js';

/**
 * The Settings form as a source config. Settings the form does not show (TLS
 * verification and CA, timeouts, the company's own SELECTs) carry over from `prev`.
 */
export function sourceConfigFromForm(form: DataSourceForm, prev: MySqlSourceConfig | null): MySqlSourceConfig {
  return {
    kind: 'mysql',
    host: form.host,
    port: form.port,
    database: form.database,
    user: form.user,
    tls: { enabled: form.tls, rejectUnauthorized: prev?.tls.rejectUnauthorized ?? true, ...(prev?.tls.caFile ? { caFile: prev.tls.caFile } : {}) },
    connectTimeoutMs: prev?.connectTimeoutMs ?? 10_000,
    queryTimeoutMs: prev?.queryTimeoutMs ?? 60_000,
    tables: prev?.tables ?? {},
  };
}

/** A config's connection options: the one place config fields become them. */
export function mysqlSourceOptions(c: MySqlSourceConfig, password: string, timeZone: string, tables: readonly CompanyTable[]): MySqlSourceOptions {
  return {
    host: c.host,
    port: c.port,
    database: c.database,
    user: c.user,
    password,
    tls: c.tls,
    connectTimeoutMs: c.connectTimeoutMs,
    queryTimeoutMs: c.queryTimeoutMs,
    timeZone,
    tables,
  };
}

/** The source for a config. */
export function mysqlSourceFor(c: MySqlSourceConfig, password: string, timeZone: string, tables: readonly CompanyTable[]) {
  return createMySqlSource(mysqlSourceOptions(c, password, timeZone, tables));
}

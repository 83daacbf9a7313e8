import type { FieldPacket, Pool, PoolConnection } from 'mysql2/promise';

/** What `within` throws: mysql2's own code for a statement that got no answer, so toSyncError says SOURCE_TIMEOUT. */
function stalled(what: string, ms: number): Error {
  return Object.assign(new Error(`${what}: no answer within ${ms} ms`), { code: 'PROTOCOL_SEQUENCE_TIMEOUT' });
}

/** `p`, or a timeout error after `ms`; what `p` gives after that goes to `late` (a connection that arrives late is given back). */
function within<T>(p: Promise<T>, ms: number, what: string, late: (value: T) => void = () => {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      reject(stalled(what, ms));
    }, ms);
    p.then(
      (value) => {
        if (settled) return late(value);
        settled = true;
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export type Statement = <T>(sql: string, params?: unknown[]) => Promise<T>;

export interface BoundedPool {
  /** One statement on a pooled connection: its rows (or result) and fields. */
  query<T>(sql: string, params?: unknown[]): Promise<[T, FieldPacket[]]>;
  /** `fn`'s statements in one transaction on one connection, then COMMIT (or ROLLBACK, for a dry run); any failure or stall leaves nothing. */
  transact<T>(fn: (statement: Statement) => Promise<T>, end?: 'COMMIT' | 'ROLLBACK'): Promise<T>;
  /** Closes every connection; a server that does not answer the goodbye has its sockets cut. */
  end(): Promise<void>;
}

/**
 * A mysql2 pool whose every wait is bounded: getting a connection, each statement (COMMIT and
 * ROLLBACK too: mysql2's own `timeout` covers neither unless given, and never frees the
 * connection), and closing. A server that stops answering (frozen, a stalled network: no reset,
 * no end, only silence) costs at most one timeout per call; a connection that saw a failure is
 * destroyed, never handed out again (its late reply would answer the next statement), and the
 * server rolls back the transaction of a connection that is gone.
 */
export function boundedPool(pool: Pool, o: { connectTimeoutMs: number; queryTimeoutMs: number }): BoundedPool {
  const all = new Set<{ destroy(): void }>();
  pool.on('connection', (c: { destroy(): void }) => all.add(c));
  // A new connection is bounded by mysql2's connectTimeout; a full pool's queue by nothing but this.
  const acquire = (): Promise<PoolConnection> => within(pool.getConnection(), o.connectTimeoutMs + o.queryTimeoutMs, 'connecting', (late) => late.release());
  const run = <T>(conn: PoolConnection, sql: string, params?: unknown[]): Promise<[T, FieldPacket[]]> =>
    within(conn.query(sql, params) as unknown as Promise<[T, FieldPacket[]]>, o.queryTimeoutMs, sql.trim().split(/\s+/, 2).join(' '));

  return {
    async query<T>(sql: string, params?: unknown[]) {
      const conn = await acquire();
      try {
        const result = await run<T>(conn, sql, params);
        conn.release();
        return result;
      } catch (error) {
        conn.destroy();
        throw error;
      }
    },

    async transact<T>(fn: (statement: Statement) => Promise<T>, end: 'COMMIT' | 'ROLLBACK' = 'COMMIT') {
      const conn = await acquire();
      try {
        await run(conn, 'START TRANSACTION');
        const result = await fn(async <R>(sql: string, params?: unknown[]) => (await run<R>(conn, sql, params))[0]);
        await run(conn, end);
        conn.release();
        return result;
      } catch (error) {
        // No ROLLBACK: on a stalled connection it would only wait again. The server rolls back a closed connection's transaction.
        conn.destroy();
        throw error;
      }
    },

    async end() {
      try {
        await within(pool.end(), o.connectTimeoutMs, 'closing');
      } catch {
        for (const c of all) c.destroy();
      }
    },
  };
}

import { createServer, connect, type Socket } from 'node:net';

export interface StallProxy {
  /** The loopback port to connect to instead of the server's. */
  port: number;
  /** Freezes every connection, open and new, the moment a client sends bytes containing `text` (that packet is held back too). */
  freezeOn(text: string): void;
  /** Freezes now: nothing passes either way, sockets stay open (a server that stopped answering, a stalled network). */
  freeze(): void;
  /** Passes traffic again; the connections that saw the freeze are cut (their protocol state is lost), new ones are clean. */
  thaw(): void;
  /** Whether a freeze is on, and whether a freezeOn text was seen. */
  readonly frozen: boolean;
  /** Client connections open through the proxy: 0 once the client has given up on a frozen request and closed it. */
  readonly connections: number;
  close(): Promise<void>;
}

/**
 * A TCP proxy on 127.0.0.1 in front of a real server, which can stop answering without
 * closing anything: the fault a kill or a stop cannot make (the client sees neither a reset
 * nor an end, only silence), so every timeout of the client is put to the test.
 */
export async function startStallProxy(targetPort: number): Promise<StallProxy> {
  let frozen = false;
  let trigger: Buffer | null = null;
  const pairs = new Set<{ client: Socket; upstream: Socket; sawFreeze: boolean }>();
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    const pair = { client, upstream, sawFreeze: frozen };
    pairs.add(pair);
    const end = (): void => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on('data', (d: Buffer) => {
      if (!frozen && trigger && d.includes(trigger)) freezeAll();
      if (frozen) return;
      upstream.write(d);
    });
    upstream.on('data', (d: Buffer) => {
      if (!frozen) client.write(d);
    });
    client.on('error', end).on('close', end);
    // A server that stopped answering closes nothing either: while frozen, the server's own close
    // (an idle keep-alive connection timing out) does not reach the client.
    const upstreamEnd = (): void => {
      if (!pair.sawFreeze) end();
    };
    upstream.on('error', upstreamEnd).on('close', upstreamEnd);
  });
  const freezeAll = (): void => {
    frozen = true;
    for (const p of pairs) p.sawFreeze = true;
  };
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  return {
    port: address.port,
    freezeOn(text) {
      trigger = Buffer.from(text, 'utf8');
    },
    freeze: freezeAll,
    thaw() {
      frozen = false;
      trigger = null;
      for (const p of [...pairs]) {
        if (!p.sawFreeze) continue;
        p.client.destroy();
        p.upstream.destroy();
        pairs.delete(p);
      }
    },
    get frozen() {
      return frozen;
    },
    get connections() {
      return pairs.size;
    },
    close() {
      for (const p of pairs) {
        p.client.destroy();
        p.upstream.destroy();
      }
      pairs.clear();
      return new Promise((ok) => server.close(() => ok()));
    },
  };
}

/**
 * The session's connections: one undici Client per connection, counted across all hosts.
 * @module
 */
import { Client } from 'undici';

/** Something waiting for a connection: a request of the session. */
export interface SlotWaiter {
  /** The origin (`http://host:port`) it needs a connection to. */
  readonly origin: string;
  /** False once the request no longer needs a connection (it failed, timed out, was cancelled). */
  wantsSlot(): boolean;
  /** Hands the request its connection; called at most once, and only while `wantsSlot()`. */
  grant(conn: Connection): void;
}

type ConnectionState = 'idle' | 'busy' | 'closed';

/**
 * One connection slot: an undici Client with pipelining 1 to one origin, so it carries one
 * request at a time and holds at most one socket. Keep-alive reuses the socket between requests.
 */
export class Connection {
  readonly client: Client;
  readonly origin: string;
  /** Whether the client has a live socket (from its 'connect' / 'disconnect' events). */
  connected = false;
  /** Requests given this connection so far (more than one: keep-alive reuse). */
  uses = 0;
  /** @internal */ state: ConnectionState = 'busy';

  constructor(client: Client, origin: string) {
    this.client = client;
    this.origin = origin;
  }
}

/** Options for the undici Client of each connection. */
export interface ConnectionOptions {
  keepAliveTimeout?: number;
  connect?: Record<string, unknown>;
}

/**
 * Connection slots with aiohttp's limits: `limit` connections in all (0: no limit) and
 * `limitPerHost` per origin (0: no limit).
 *
 * Unlike undici's Agent, which limits connections per origin only, and unlike aiohttp, which does
 * not count idle keep-alive connections, every open connection counts, idle or busy: at most
 * `limit` sockets are ever open. When all slots are taken and a request needs a connection to a
 * host that has none idle, the least recently used idle connection to another host is closed to
 * make room.
 *
 * Waiters are served in FIFO order; a waiter held back only by its host's `limitPerHost` does not
 * hold back waiters for other hosts. A request that stops waiting (timeout, cancellation) is
 * skipped and never takes a slot with it.
 */
export class ConnectionPool {
  readonly limit: number;
  readonly limitPerHost: number;
  readonly #options: ConnectionOptions;
  #open = 0;
  readonly #perHost = new Map<string, number>();
  /** Idle connections per origin, most recently used last. */
  readonly #idle = new Map<string, Connection[]>();
  /** Every idle connection, least recently used first (a Set keeps insertion order). */
  readonly #idleLru = new Set<Connection>();
  #queue: (SlotWaiter | null)[] = [];
  #head = 0;
  #closed = false;
  #waking = false;
  #wakeAgain = false;
  readonly #all = new Set<Connection>();

  constructor(limit: number, limitPerHost: number, options: ConnectionOptions = {}) {
    this.limit = limit;
    this.limitPerHost = limitPerHost;
    this.#options = options;
  }

  /** Open connections (idle or busy, connecting included). */
  get size(): number {
    return this.#open;
  }

  /** Idle connections kept for reuse. */
  get idle(): number {
    return this.#idleLru.size;
  }

  /** Requests waiting for a connection. */
  get waiting(): number {
    let n = 0;
    for (let i = this.#head; i < this.#queue.length; i++) if (this.#queue[i]?.wantsSlot()) n++;
    return n;
  }

  /**
   * A connection to `waiter.origin` now, or null when the waiter was queued; it is then given
   * one through `waiter.grant()` (possibly before this returns).
   */
  acquire(waiter: SlotWaiter): Connection | null {
    if (this.#head === this.#queue.length) {
      const conn = this.#take(waiter.origin);
      if (conn !== null) return conn;
    }
    this.#queue.push(waiter);
    this.#wake();
    return null;
  }

  /**
   * Gives back a busy connection. A reusable one (its response was read to the end and the socket
   * may be kept alive) goes to the next waiter or the idle pool; any other is closed.
   */
  release(conn: Connection, reusable: boolean): void {
    if (conn.state !== 'busy') return;
    if (reusable && !this.#closed && !conn.client.destroyed && !conn.client.closed) {
      conn.state = 'idle';
      let list = this.#idle.get(conn.origin);
      if (list === undefined) this.#idle.set(conn.origin, (list = []));
      list.push(conn);
      this.#idleLru.add(conn);
    } else {
      this.#discard(conn);
    }
    this.#wake();
  }

  /** Closes every connection; later `acquire` calls are refused by the session before they get here. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#queue = [];
    this.#head = 0;
    const clients = [...this.#all].map((conn) => conn.client);
    for (const conn of [...this.#all]) this.#discard(conn);
    await Promise.allSettled(clients.map((client) => client.destroy()));
  }

  #canOpen(origin: string): boolean {
    return (this.limit === 0 || this.#open < this.limit) && this.#hostHasRoom(origin);
  }

  #hostHasRoom(origin: string): boolean {
    return this.limitPerHost === 0 || (this.#perHost.get(origin) ?? 0) < this.limitPerHost;
  }

  /** An idle connection to `origin`, a new one, or a new one in place of an idle one elsewhere. */
  #take(origin: string): Connection | null {
    const list = this.#idle.get(origin);
    if (list !== undefined && list.length > 0) {
      const conn = list.pop()!;
      this.#idleLru.delete(conn);
      conn.state = 'busy';
      return conn;
    }
    if (this.#canOpen(origin)) return this.#create(origin);
    if (this.#idleLru.size > 0 && this.#hostHasRoom(origin)) {
      // Every slot is taken and none idle for this host: close the least recently used idle one.
      const victim = this.#idleLru.values().next().value as Connection;
      this.#discard(victim);
      return this.#create(origin);
    }
    return null;
  }

  /** Serves the queue in FIFO order, skipping waiters held back by their own host's limit. */
  #wake(): void {
    // A grant may release or acquire again synchronously (a dispatch that fails at once).
    if (this.#waking) {
      this.#wakeAgain = true;
      return;
    }
    this.#waking = true;
    try {
      do {
        this.#wakeAgain = false;
        this.#serve();
      } while (this.#wakeAgain);
    } finally {
      this.#waking = false;
    }
  }

  #serve(): void {
    const queue = this.#queue;
    for (let i = this.#head; i < queue.length; i++) {
      const waiter = queue[i];
      if (waiter === null) continue;
      if (!waiter.wantsSlot()) {
        queue[i] = null;
        continue;
      }
      const conn = this.#take(waiter.origin);
      if (conn === null) {
        // Held back by the global limit: so is everyone behind it. By its host only: go on.
        if (!this.#hostHasRoom(waiter.origin)) continue;
        break;
      }
      queue[i] = null;
      waiter.grant(conn);
    }
    while (this.#head < queue.length && queue[this.#head] === null) this.#head++;
    if (this.#head === queue.length) {
      this.#queue = [];
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > queue.length) {
      this.#queue = queue.slice(this.#head);
      this.#head = 0;
    }
  }

  #create(origin: string): Connection {
    const client = new Client(origin, {
      pipelining: 1,
      headersTimeout: 0,
      bodyTimeout: 0,
      keepAliveTimeout: this.#options.keepAliveTimeout,
      // A server's Keep-Alive hint may shorten the idle time, never make it longer than asked.
      ...(this.#options.keepAliveTimeout === undefined ? {} : { keepAliveMaxTimeout: this.#options.keepAliveTimeout }),
      // The session's own timers (ClientTimeout) bound the connect, not undici's.
      connect: { timeout: 0, ...this.#options.connect },
    });
    const conn = new Connection(client, origin);
    client.on('connect', () => {
      conn.connected = true;
    });
    client.on('disconnect', () => {
      conn.connected = false;
      // The server closed an idle keep-alive connection: free its slot.
      if (conn.state === 'idle') {
        this.#discard(conn);
        this.#wake();
      }
    });
    // 'connectionError' and 'disconnect' carry errors the request itself reports; without a
    // listener an 'error' event would not be emitted, so nothing more is needed here.
    this.#open++;
    this.#perHost.set(origin, (this.#perHost.get(origin) ?? 0) + 1);
    this.#all.add(conn);
    return conn;
  }

  #discard(conn: Connection): void {
    if (conn.state === 'closed') return;
    if (conn.state === 'idle') {
      this.#idleLru.delete(conn);
      const list = this.#idle.get(conn.origin)!;
      list.splice(list.indexOf(conn), 1);
      if (list.length === 0) this.#idle.delete(conn.origin);
    }
    conn.state = 'closed';
    this.#all.delete(conn);
    this.#open--;
    const n = this.#perHost.get(conn.origin)! - 1;
    if (n === 0) this.#perHost.delete(conn.origin);
    else this.#perHost.set(conn.origin, n);
    conn.client.destroy().catch(() => {});
  }
}

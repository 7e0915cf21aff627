import {
  type DatabaseConnection,
  type Driver,
  type QueryCompiler,
  SqliteDialect,
  type TransactionSettings,
} from "kysely";

/**
 * Kysely's SQLite dialect with a fair hand-over of its one connection.
 *
 * better-sqlite3 runs every statement synchronously, and Kysely's own lock hands the
 * connection to the next waiter in a microtask. Under a burst (the registration rush
 * of a popular Fachtag) every queued transaction therefore runs back to back in one
 * turn of the event loop: for 50 waiting requests the server reads no socket, answers
 * no page and fires no timer for ~60 ms, and a request that arrives meanwhile waits for
 * the whole backlog before it is even parsed — the cause of a latency tail at twice the
 * median.
 *
 * Here waiters queue first come, first served, and the connection passes to the next
 * one on the next turn of the event loop (`setImmediate`). In between, Node reads the
 * sockets that became ready: new requests are parsed and queue up in arrival order, and
 * cheap requests (a page from cache, /healthz) are answered. Without contention nothing
 * changes: the connection is taken at once, without a turn of the loop.
 *
 * Transactions keep the connection from `begin` to `commit`, so every transaction still
 * runs alone: capacity decisions stay serialised on SQLite (docs/decisions/0008).
 */
export class FairSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    return new FairHandOverDriver(super.createDriver());
  }
}

export class FairHandOverDriver implements Driver {
  readonly #inner: Driver;
  /** Who waits for the connection, first come first served. */
  readonly #waiting: (() => void)[] = [];
  /** Somebody holds the connection (a query or a whole transaction). */
  #held = false;
  /** The connection was handed out in this turn of the event loop. */
  #usedThisTurn = false;
  #handOverScheduled = false;

  constructor(inner: Driver) {
    this.#inner = inner;
  }

  init(): Promise<void> {
    return this.#inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#held || this.#usedThisTurn || this.#waiting.length > 0) {
      await new Promise<void>((resolve) => {
        this.#waiting.push(resolve);
        if (!this.#held) this.#scheduleHandOver();
      });
    } else {
      this.#take();
    }
    return this.#inner.acquireConnection();
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await this.#inner.releaseConnection(connection);
    this.#held = false;
    if (this.#waiting.length > 0) this.#scheduleHandOver();
  }

  #take() {
    this.#held = true;
    if (!this.#usedThisTurn) {
      this.#usedThisTurn = true;
      setImmediate(() => {
        this.#usedThisTurn = false;
      });
    }
  }

  /** Gives the connection to the longest waiter on the next turn of the event loop. */
  #scheduleHandOver() {
    if (this.#handOverScheduled) return;
    this.#handOverScheduled = true;
    setImmediate(() => {
      this.#handOverScheduled = false;
      const next = this.#waiting.shift();
      if (!next) return;
      this.#take();
      next();
    });
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.#inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.rollbackTransaction(connection);
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler["compileQuery"]) {
    await this.#inner.savepoint?.(connection, name, compile);
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler["compileQuery"]) {
    await this.#inner.rollbackToSavepoint?.(connection, name, compile);
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler["compileQuery"]) {
    await this.#inner.releaseSavepoint?.(connection, name, compile);
  }

  destroy(): Promise<void> {
    return this.#inner.destroy();
  }
}

// Presents one embedded PGlite to Kysely's PostgresDialect (as a pg.Pool) and to pg-boss (executeSql),
// all through ONE mutex: PGlite is a single session, so a raw BEGIN from one caller would otherwise
// swallow another caller's statements (DEPENDENCIES.md §1a).
import type { PGlite } from '@electric-sql/pglite';
import { Mutex } from './mutex';

interface QueryResult {
  rows: unknown[];
  rowCount: number;
  command: string;
}

const isMultiStatement = (sql: string): boolean => /;\s*\S/.test(sql.replace(/--[^\n]*/g, ''));

const commandOf = (sql: string): string => /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? '';

export class PGliteAdapter {
  private readonly mutex = new Mutex();

  constructor(readonly pg: PGlite) {}

  /** pg-boss's db.executeSql. pg-boss sends multi-statement strings without parameters. */
  executeSql = (text: string, values?: unknown[]): Promise<{ rows: unknown[] }> =>
    this.mutex.run(async () => {
      if (values?.length) return this.pg.query(text, values);
      const results = await this.pg.exec(text);
      return results.at(-1) ?? { rows: [] };
    });

  /** The pg.Pool surface Kysely's PostgresDialect uses. A connection holds the mutex until released. */
  readonly pool = {
    connect: async () => {
      const release = await this.mutex.acquire();
      let released = false;
      return {
        query: async (sql: string, params: unknown[] = []): Promise<QueryResult> => {
          if (params.length === 0 && isMultiStatement(sql)) {
            // The extended protocol refuses several commands in one string (migrations send several).
            const last = (await this.pg.exec(sql)).at(-1);
            return { rows: last?.rows ?? [], rowCount: last?.affectedRows ?? 0, command: commandOf(sql) };
          }
          const res = await this.pg.query(sql, params);
          return { rows: res.rows, rowCount: res.affectedRows ?? res.rows.length, command: commandOf(sql) };
        },
        release: () => {
          if (!released) {
            released = true;
            release();
          }
        },
      };
    },
    end: async () => {},
  };
}

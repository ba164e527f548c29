import type { Db } from './client';

/**
 * A query built and prepared once per database handle, for queries on every request's path: no query
 * building per call. The handle changes only when the app is pointed at another database (tests).
 */
export function preparedPerDb<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let queries = built.get(db);
    if (!queries) {
      queries = build(db);
      built.set(db, queries);
    }
    return queries;
  };
}

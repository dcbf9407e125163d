// Telling "the database is away" (retry later) from "the database refused this data" (retrying fails the same
// way). Prisma over pg reports a lost server as P1001/P1017 or as a driver error carrying the SQLSTATE of a
// terminated connection (57P01 when the server shuts down) or the words "Can't reach database server".

/** SQLSTATE classes and codes of a database that is away or overloaded, not of bad data. */
const UNAVAILABLE_SQLSTATE = /^(08|57P0[1-4]|53300)/;
/** Prisma's codes for an unreachable server, a closed connection, a timed-out pool. */
const UNAVAILABLE_PRISMA = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
const UNAVAILABLE_WORDS =
  /can't reach database server|connection terminated|terminating connection|server closed the connection|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|the database system is (shutting down|starting up)/i;

/** True when `error` says the database could not be reached (a connection lost, refused or timed out). */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; meta?: { code?: unknown; message?: unknown }; message?: unknown };
  const codes = [e.code, e.meta?.code].filter((c): c is string => typeof c === 'string');
  if (codes.some((c) => UNAVAILABLE_PRISMA.has(c) || UNAVAILABLE_SQLSTATE.test(c))) return true;
  const said = [e.message, e.meta?.message].filter((m): m is string => typeof m === 'string').join('\n');
  return UNAVAILABLE_WORDS.test(said);
}

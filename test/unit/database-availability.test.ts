// The database away (retry later) vs the database refusing the data (a note, the run ends): the shapes Prisma over
// pg produced while the fault suite stopped a PostgreSQL server (test/faults/db-outage.fault.test.ts).
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../src/store/availability.ts';

describe('isDatabaseUnavailable', () => {
  it.each([
    [
      'a server shutting down under a query',
      { code: 'P2010', meta: { code: '57P01', message: 'terminating connection due to administrator command' } },
    ],
    [
      'no server listening (raw query)',
      { code: 'P2010', meta: { code: 'N/A', message: "Can't reach database server at 127.0.0.1:5" } },
    ],
    ['no server listening (model query)', { code: 'P1001', message: "Can't reach database server at 127.0.0.1:5" }],
    ['a server starting up', { code: '57P03', message: 'the database system is starting up' }],
    [
      'a refused connection from the driver',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5'), { code: 'ECONNREFUSED' }),
    ],
    ['a connection class SQLSTATE', { meta: { code: '08006' } }],
  ])('%s → unavailable', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a value too long', { code: 'P2000', meta: { code: '22001', message: 'value too long for type' } }],
    [
      'a NUL in text',
      { code: 'P2010', meta: { code: '22021', message: 'invalid byte sequence for encoding "UTF8": 0x00' } },
    ],
    ['a unique violation', { code: 'P2002' }],
    ['not an object', 'boom'],
    ['nothing', undefined],
  ])('%s → not unavailable', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

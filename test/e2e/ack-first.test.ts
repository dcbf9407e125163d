// The slash command is answered before its request is stored (the insert is issued in the same tick): when the
// store then fails, the requester is told through the command's response_url, never left with a silent "queued".
// (PostgreSQL only: the test breaks the table from outside the app, which PGlite's one-process folder does not allow.)
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2e, e2eBackend, startE2e } from '../support/e2e.ts';
import { RESPONSE_URL } from '../support/fake-slack.ts';
import { namedScenario, PROD_ACCOUNT } from '../support/scenarios/index.ts';

const scenario = namedScenario('script-exit-code-1');

if (e2eBackend() === 'postgres') {
  describe('ack first, store in the same tick', () => {
    let e2e: E2e;
    let client: pg.Client;
    beforeAll(async () => {
      e2e = await startE2e({ scenario: scenario.build({ now: new Date() }), accounts: [PROD_ACCOUNT] });
      client = new pg.Client({ connectionString: e2e.database.databaseUrl });
      await client.connect();
    }, 120_000);
    afterAll(async () => {
      await client?.end();
      await e2e?.close();
    });

    it('acks at once, and when the request cannot be stored says so through the response_url', async () => {
      await client.query('ALTER TABLE investigation_request RENAME TO investigation_request_away');
      try {
        const response = await e2e.command(scenario.associationId);
        expect(response.status).toBe(200);
        expect(await response.text()).toContain(scenario.associationId);
        const [reply] = await e2e.slack.waitFor(
          (c) => c.method === RESPONSE_URL && JSON.stringify(c.body).includes('could not be started'),
          { timeoutMs: 15_000 },
        );
        expect(reply?.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
        expect(e2e.slack.callsTo('chat.postMessage')).toHaveLength(0);
      } finally {
        await client.query('ALTER TABLE investigation_request_away RENAME TO investigation_request');
      }
      // Stored again once the table is back: the next command runs to its verdict.
      const again = await e2e.command(scenario.associationId);
      expect(again.status).toBe(200);
      await e2e.slack.waitFor((c) => c.method === 'chat.postMessage', { timeoutMs: 30_000 });
    }, 90_000);
  });
}

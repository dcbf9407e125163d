import { startE2e } from '../support/e2e.ts';
import { namedScenario, PROD_ACCOUNT } from '../support/scenarios/index.ts';
const sc = namedScenario('script-exit-code-1');
const built = sc.build({ now: new Date() });
built.faults = [...(built.faults ?? []), { operation: '*', delayMs: 100 }];
const e2e = await startE2e({ backend: 'pglite', scenario: built, accounts: [PROD_ACCOUNT] });
try {
  for (let k = 0; k < 3; k++) {
    e2e.aws.calls.length = 0; e2e.slack.reset();
    const t0 = Date.now();
    const base = e2e.aws.calls.length;
    await e2e.command(sc.associationId);
    const ack = Date.now() - t0;
    await e2e.slack.waitFor((c) => c.method === 'chat.postMessage' && JSON.stringify(c.body.blocks ?? '').includes('investigation.rerun'), { timeoutMs: 30000 });
    const total = Date.now() - t0;
    const first = e2e.aws.calls[0]?.at ?? 0;
    console.log(`run ${k}: ack ${ack} ms total ${total} ms`);
    for (const c of e2e.aws.calls) console.log(`  ${String(Math.round(c.at - 100 - first)).padStart(5)} → ${String(Math.round(c.at - first)).padStart(5)} ${c.operation}`);
  }
} finally { await e2e.close(); }

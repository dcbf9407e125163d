// The verdict in Japanese: every state diagnose() can state (fault, warning, healthy, running, stuck, recovered,
// could not investigate) and the whole labelled corpus give the same findings, ranking and cause family as in
// English, with every sentence Japanese and every AWS value, command and link left as AWS wrote it.
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/domain/checks/index.ts';
import { diagnose, findingsAfterStep } from '../../src/domain/diagnose.ts';
import type { InvestigationFacts } from '../../src/domain/facts.ts';
import type { Diagnosis } from '../../src/domain/finding.ts';
import { fixEndsWithRerun } from '../../src/domain/remediation.ts';
import { DIAGNOSIS_CORPUS } from '../fixtures/diagnosis-corpus/index.ts';
import { factsOf } from '../fixtures/diagnosis-corpus/measure.ts';
import { brokenValues, expectJapanese } from '../support/checks.ts';
import {
  ago,
  association,
  execution,
  factsWith,
  HOUR,
  INSTANCE_ID,
  MINUTE,
  node,
  output,
  targets,
} from '../support/facts.ts';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** What must not change with the language: the verdict's shape, ids, ranking and the values AWS returned. */
const shape = (d: Diagnosis) => ({
  outcome: d.outcome,
  causeFamily: d.causeFamily,
  gaps: d.gaps.length,
  checked: d.checked.length,
  runningExecutionId: d.runningExecutionId,
  findings: d.findings.map((f) => ({
    id: f.id,
    severity: f.severity,
    cause: f.cause,
    resources: f.resources,
    evidence: f.evidence.length,
    links: f.links.map((l) => l.url),
    cli: f.cli,
  })),
  rerun: fixEndsWithRerun(d),
});

/** Both languages agree on everything but the words, and the Japanese words are Japanese and complete. */
function expectSameVerdictInJapanese(facts: InvestigationFacts): Diagnosis {
  const english = diagnose(facts, ALL_CHECKS, 'en');
  const japanese = diagnose(facts, ALL_CHECKS, 'ja');
  expect(shape(japanese)).toEqual(shape(english));
  expect(japanese.summary).toMatch(JAPANESE);
  expect(brokenValues([japanese.summary, ...japanese.checked])).toBeLessThanOrEqual(
    brokenValues([english.summary, ...english.checked]),
  );
  for (const line of japanese.checked) expect(line).toMatch(JAPANESE);
  expectJapanese(japanese.findings, english.findings);
  return japanese;
}

const NEW = 'e2222222-2222-3333-4444-555555555555';
const OLD = 'e1111111-2222-3333-4444-555555555555';

const refusedOutput = () => {
  const base = output();
  return output({
    command: {
      ...(base.command as NonNullable<typeof base.command>),
      stderr:
        'psql: error: connection to server at "db" (10.0.0.4), port 5432 failed: Connection refused\nfailed to run commands: exit status 2',
      responseCode: 2,
    },
  });
};

const running = (createdAt: Date) =>
  factsWith({
    association: association({
      status: 'Pending',
      detailedStatus: 'InProgress',
      createdAt,
      scheduleExpression: 'rate(30 minutes)',
    }),
    executions: [
      execution({
        executionId: NEW,
        status: 'InProgress',
        detailedStatus: 'InProgress',
        createdAt,
        resourceCounts: { Success: 3, InProgress: 5, Pending: 2 },
        resourceCountsRaw: '{Success=3, InProgress=5, Pending=2}',
      }),
    ],
    latestTargets: targets(
      [
        { status: 'Success', detailedStatus: 'Success', resourceIds: ['i-0aaaaaaaaaaaaaaa1'], count: 3 },
        { status: 'InProgress', detailedStatus: 'InProgress', resourceIds: [INSTANCE_ID], count: 5 },
        { status: 'Pending', detailedStatus: 'Pending', resourceIds: ['i-0bbbbbbbbbbbbbbb2'], count: 2 },
      ],
      NEW,
    ),
    nodes: [node()],
    outputs: [],
  });

const STATES: Record<string, InvestigationFacts> = {
  healthy: factsWith(),
  fault: factsWith({
    association: association({ status: 'Failed' }),
    executions: [
      execution({ executionId: OLD, status: 'Failed', detailedStatus: 'Failed', resourceCounts: { Failed: 1 } }),
    ],
    latestTargets: targets([{ status: 'Failed', detailedStatus: 'Failed', resourceIds: [INSTANCE_ID] }], OLD),
    outputs: [refusedOutput()],
  }),
  offline: factsWith({
    association: association({ status: 'Pending', statusCounts: { Pending: 1 } }),
    executions: [execution({ status: 'InProgress', resourceCounts: { Pending: 1 }, resourceCountsRaw: '{Pending=1}' })],
    latestTargets: targets([{ status: 'Pending', resourceIds: [INSTANCE_ID] }]),
    nodes: [node({ pingStatus: 'ConnectionLost', lastPingAt: ago(3 * HOUR), targetStatus: 'Pending' })],
  }),
  recovered: factsWith({
    association: association({ status: 'Success' }),
    executions: [
      execution({ executionId: NEW, createdAt: ago(20 * MINUTE), resourceCounts: { Success: 4 } }),
      execution({
        executionId: OLD,
        status: 'Failed',
        detailedStatus: 'Failed',
        createdAt: ago(50 * MINUTE),
        resourceCounts: { Failed: 1, Success: 3 },
      }),
    ],
    latestTargets: targets(
      [{ status: 'Success', detailedStatus: 'Success', resourceIds: [INSTANCE_ID], count: 4 }],
      NEW,
    ),
    failedTargets: targets([{ status: 'Failed', detailedStatus: 'Failed', resourceIds: [INSTANCE_ID] }], OLD),
    outputs: [refusedOutput()],
  }),
  running: running(ago(4 * MINUTE)),
  stuck: running(ago(3 * HOUR)),
  unexplained: factsWith({ association: association({ status: 'Frobnicated', detailedStatus: 'Discombobulated' }) }),
  couldNotInvestigate: {
    now: ago(0),
    scope: { accountId: '111122223333', accountName: 'prod', region: 'us-east-1' },
    gaps: [
      {
        step: 'association',
        kind: 'throttled',
        operation: 'DescribeAssociation',
        message: 'DescribeAssociation was throttled by AWS after retries',
      },
      { step: 'executions', kind: 'access-denied', operation: 'DescribeAssociationExecutions', message: 'denied' },
    ],
  },
};

describe('the verdict in Japanese', () => {
  it.each(Object.entries(STATES))('%s: the same verdict as in English, every sentence Japanese', (_name, facts) => {
    expectSameVerdictInJapanese(facts);
  });

  it('the headlines say it the Japanese way, around the values AWS returned', () => {
    expect(diagnose(STATES.fault as InvestigationFacts, ALL_CHECKS, 'ja').summary).toMatch(
      /^根本原因: ネットワーク \(終了コード 2\): psql: error: connection to server/,
    );
    expect(diagnose(STATES.running as InvestigationFacts, ALL_CHECKS, 'ja').summary).toBe(
      'まだ実行中です (4 分前に開始、10 件中 3 件のターゲットが完了)。',
    );
    expect(diagnose(STATES.recovered as InvestigationFacts, ALL_CHECKS, 'ja').summary).toMatch(
      /^回復しました \(2025\/06\/02 11:40 UTC\): 最新の実行はすべてのターゲットで成功しました。/,
    );
    expect(diagnose(STATES.couldNotInvestigate as InvestigationFacts, ALL_CHECKS, 'ja').summary).toMatch(
      /^調査できませんでした: DescribeAssociation \(スロットリング: DescribeAssociation was throttled by AWS after retries\)/,
    );
  });

  it('the per-step findings speak the language too', () => {
    const facts = STATES.offline as InvestigationFacts;
    const english = findingsAfterStep('nodes', facts, 'en');
    const japanese = findingsAfterStep('nodes', facts, 'ja');
    expect(english.length).toBeGreaterThan(0);
    expect(japanese.map((f) => f.id)).toEqual(english.map((f) => f.id));
    expectJapanese(japanese, english);
    expect(findingsAfterStep('nodes', facts)).toEqual(english);
  });

  it('English stays the default', () => {
    const facts = STATES.fault as InvestigationFacts;
    expect(diagnose(facts)).toEqual(diagnose(facts, ALL_CHECKS, 'en'));
  });
});

describe('the diagnosis corpus in Japanese', () => {
  it('every entry: the same findings, ranking and cause family as in English; all of it Japanese', () => {
    for (const entry of DIAGNOSIS_CORPUS) expectSameVerdictInJapanese(factsOf(entry));
  });

  it('the headline still quotes the decisive line, as AWS and the node wrote it', () => {
    const commandFailures = DIAGNOSIS_CORPUS.filter((e) => e.message === undefined);
    const quoting = commandFailures.filter((e) => {
      const english = diagnose(factsOf(e), ALL_CHECKS, 'en').findings[0]?.title ?? '';
      const japanese = diagnose(factsOf(e), ALL_CHECKS, 'ja').findings[0]?.title ?? '';
      const quoted = english.split(': ').slice(1).join(': ');
      return quoted.length > 0 && japanese.endsWith(quoted);
    });
    expect(quoting.length / commandFailures.length).toBeGreaterThanOrEqual(0.95);
  });
});

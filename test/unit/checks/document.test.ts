import { describe, expect, it } from 'vitest';
import { documentChecks } from '../../../src/domain/checks/document.check.ts';
import type { InvestigationFacts } from '../../../src/domain/facts.ts';
import { describeCheckTable, findingsOf, summary } from '../../support/checks.ts';
import {
  association,
  document,
  factsWith,
  INSTANCE_ID,
  instanceAssociation,
  node,
  output,
  targets,
} from '../../support/facts.ts';

const SHARED = 'arn:aws:ssm:us-east-1:444455556666:document/Shared-Hardening';

const nodeWithSummary = (raw: ReturnType<typeof summary>, status = 'Success') =>
  node({ associationStatus: instanceAssociation({ status, executionSummary: raw }) });

const cases: { name: string; facts: InvestigationFacts; ids: string[] }[] = [
  { name: 'healthy association', facts: factsWith(), ids: [] },
  {
    name: 'document deleted (InvalidDocument)',
    facts: factsWith({
      association: association({ documentName: 'Custom-Gone', status: 'Failed' }),
      document: {
        found: false,
        name: 'Custom-Gone',
        errorCode: 'InvalidDocument',
        message: 'The specified document does not exist.',
      },
    }),
    ids: ['document.deleted'],
  },
  {
    name: 'shared document no longer shared (InvalidDocument on an ARN)',
    facts: factsWith({
      association: association({ documentName: SHARED }),
      document: { found: false, name: SHARED, errorCode: 'InvalidDocument', message: 'does not exist' },
    }),
    ids: ['document.deleted'],
  },
  {
    name: 'pinned version gone (InvalidDocumentVersion)',
    facts: factsWith({
      association: association({ documentName: 'Custom-Doc', documentVersion: '7' }),
      document: {
        found: false,
        name: 'Custom-Doc',
        version: '7',
        errorCode: 'InvalidDocumentVersion',
        message: "The document version isn't valid or doesn't exist.",
      },
    }),
    ids: ['document.version-missing'],
  },
  {
    name: 'document could not be read for another reason → not a document finding',
    facts: factsWith({
      document: { found: false, name: 'AWS-RunShellScript', errorCode: 'AccessDenied', message: 'no' },
    }),
    ids: [],
  },
  {
    name: 'document status Failed',
    facts: factsWith({
      document: document({ status: 'Failed', statusInformation: 'Attachment aws-ssm-x not found' }),
    }),
    ids: ['document.not-active'],
  },
  {
    name: 'document still Updating',
    facts: factsWith({ document: document({ status: 'Updating' }) }),
    ids: ['document.not-active'],
  },
  {
    name: 'Package document associated',
    facts: factsWith({ document: document({ documentType: 'Package', schemaVersion: '2.0' }) }),
    ids: ['document.type-unsupported'],
  },
  {
    name: 'Command document with a schema associations do not accept',
    facts: factsWith({ document: document({ schemaVersion: '1.0' }) }),
    ids: ['document.schema-unsupported'],
  },
  {
    name: 'Automation runbook on a legacy InstanceId association',
    facts: factsWith({
      association: association({ instanceId: INSTANCE_ID, targets: [] }),
      document: document({ documentType: 'Automation', schemaVersion: '0.3', platformTypes: [] }),
      nodes: [],
    }),
    ids: ['document.schema-unsupported'],
  },
  {
    name: 'Linux document on a Windows node',
    facts: factsWith({
      nodes: [node({ platformType: 'Windows' })],
    }),
    ids: ['document.platform-mismatch'],
  },
  {
    name: 'InvalidPlatform target status',
    facts: factsWith({
      association: association({ status: 'Failed' }),
      latestTargets: targets([{ status: 'Failed', detailedStatus: 'InvalidPlatform', resourceIds: [INSTANCE_ID] }]),
    }),
    ids: ['document.platform-mismatch'],
  },
  {
    name: 'InvalidPlatform invocation',
    facts: factsWith({
      outputs: [output({ command: { ...output().command!, statusDetails: 'InvalidPlatform', responseCode: -1 } })],
    }),
    ids: ['document.platform-mismatch'],
  },
  {
    name: 'Automation runbooks are not compared with node platforms',
    facts: factsWith({
      document: document({ documentType: 'Automation', schemaVersion: '0.3', platformTypes: ['Linux'] }),
      nodes: [node({ platformType: 'Windows' })],
    }),
    ids: [],
  },
  {
    name: 'green but did nothing: all plugins skipped',
    facts: factsWith({
      nodes: [nodeWithSummary(summary({ plugins: 2, skipped: 2 }, []))],
    }),
    ids: ['document.all-steps-skipped'],
  },
  {
    name: 'some steps skipped for an unsupported plugin',
    facts: factsWith({
      nodes: [
        nodeWithSummary({
          ...summary({ plugins: 2, success: 1, skipped: 1 }),
          raw: '2 out of 2 plugins processed, 1 success, 0 failed, 0 timedout, 1 skipped. \nStep execution skipped due to unsupported plugin: aws:runPowerShellScript. Step name: win',
        }),
      ],
    }),
    ids: ['document.step-skipped'],
  },
  {
    name: 'skipped step seen in command output',
    facts: factsWith({
      outputs: [
        output({
          command: {
            ...output().command!,
            status: 'Success',
            statusDetails: 'Success',
            responseCode: 0,
            stdout:
              "Step execution skipped due to unsatisfied preconditions: 'StringEquals: [platformType, Windows]'. Step name: win",
          },
        }),
      ],
    }),
    ids: ['document.step-skipped'],
  },
  {
    name: 'plugin not supported in current platform (schema 2.0 fails)',
    facts: factsWith({
      document: document({ schemaVersion: '2.0', platformTypes: ['Linux', 'Windows'] }),
      nodes: [
        nodeWithSummary(
          summary({ plugins: 1, failed: 1 }, [
            {
              plugin: 'aws:runPowerShellScript',
              reason: 'Plugin with name aws:runPowerShellScript is not supported in current platform. Step name: ps',
            },
          ]),
          'Failed',
        ),
      ],
    }),
    ids: ['document.plugin-unsupported-platform'],
  },
  {
    name: 'plugin not supported in current platform, explained by PlatformTypes → one finding',
    facts: factsWith({
      nodes: [
        node({
          platformType: 'Windows',
          associationStatus: instanceAssociation({
            status: 'Failed',
            executionSummary: summary({ plugins: 1, failed: 1 }, [
              {
                plugin: 'aws:runShellScript',
                reason: 'Plugin with name aws:runShellScript is not supported in current platform. Step name: sh',
              },
            ]),
          }),
        }),
      ],
    }),
    ids: ['document.platform-mismatch'],
  },
  {
    name: 'shared document by ARN, default version runs (info)',
    facts: factsWith({
      association: association({ documentName: SHARED, documentVersion: '$DEFAULT' }),
      document: document({ name: SHARED, owner: '444455556666', defaultVersion: '3' }),
    }),
    ids: ['document.shared-default-version'],
  },
  {
    name: 'shared document with a pinned non-default version',
    facts: factsWith({
      association: association({ documentName: SHARED, documentVersion: '4' }),
      document: document({ name: SHARED, owner: '444455556666', version: '4', defaultVersion: '3' }),
    }),
    ids: ['document.shared-default-version'],
  },
];

describeCheckTable('document', documentChecks, cases);

describe('document evidence', () => {
  it('platform mismatch names PlatformTypes and the node platform', () => {
    const [f] = findingsOf(documentChecks, factsWith({ nodes: [node({ platformType: 'Windows' })] }));
    expect(f?.evidence).toEqual(
      expect.arrayContaining([
        { field: 'DescribeDocument.PlatformTypes', value: 'Linux, MacOS' },
        { field: 'DescribeInstanceInformation.PlatformType', value: `Windows (1 sampled node: ${INSTANCE_ID})` },
      ]),
    );
    expect(f?.resources).toEqual([INSTANCE_ID]);
  });

  it('all-skipped is a warning that quotes the ExecutionSummary', () => {
    const [f] = findingsOf(
      documentChecks,
      factsWith({ nodes: [nodeWithSummary(summary({ plugins: 2, skipped: 2 }))] }),
    );
    expect(f?.severity).toBe('warning');
    expect(f?.evidence.map((e) => e.value).join(' ')).toContain('0 success, 0 failed, 0 timedout, 2 skipped');
  });

  it('severity of the shared-document caveat rises when the pinned version is not the default', () => {
    const pinned = findingsOf(
      documentChecks,
      factsWith({
        association: association({ documentName: SHARED, documentVersion: '4' }),
        document: document({ name: SHARED, defaultVersion: '3' }),
      }),
    );
    expect(pinned[0]?.severity).toBe('warning');
  });

  it('a deleted document is critical and says how to restore it', () => {
    const [f] = findingsOf(
      documentChecks,
      factsWith({ document: { found: false, name: 'X', errorCode: 'InvalidDocument', message: 'gone' } }),
    );
    expect(f?.severity).toBe('critical');
    expect(f?.evidence[0]).toEqual({ field: 'DescribeDocument', value: 'InvalidDocument: gone' });
  });
});

import { describe, expect, it } from 'vitest';
import { parameterChecks } from '../../../src/domain/checks/parameters.check.ts';
import type { InvestigationFacts } from '../../../src/domain/facts.ts';
import { describeCheckTable, findingsOf, summary } from '../../support/checks.ts';
import { association, document, factsWith, instanceAssociation, node } from '../../support/facts.ts';

const ASSOC = 'a1b2c3d4-5678-90ab-cdef-111122223333';

/** A node whose agent rejected the association with InvalidAssoc and this parse error. */
const invalidAssoc = (error: string) =>
  node({
    targetStatus: 'Failed',
    targetDetailedStatus: 'Failed',
    associationStatus: instanceAssociation({
      status: 'Failed',
      detailedStatus: 'Failed',
      errorCode: 'InvalidAssoc',
      executionSummary: {
        ...summary({ plugins: 0 }),
        raw: `Encountered error while parsing association ${ASSOC}, ${error}`,
      },
    }),
  });

const cases: { name: string; facts: InvestigationFacts; ids: string[] }[] = [
  { name: 'healthy association', facts: factsWith(), ids: [] },
  {
    name: 'required parameter missing',
    facts: factsWith({ association: association({ parameters: {} }) }),
    ids: ['parameters.required-missing'],
  },
  {
    name: 'required parameter with a default is not missing',
    facts: factsWith({
      association: association({ parameters: {} }),
      document: document({
        parameters: [{ name: 'commands', type: 'StringList', hasDefault: true, defaultValue: '' }],
      }),
    }),
    ids: [],
  },
  {
    name: 'Automation target parameter is fed by targets, not Parameters',
    facts: factsWith({
      association: association({ parameters: {}, automationTargetParameterName: 'InstanceId' }),
      document: document({
        documentType: 'Automation',
        schemaVersion: '0.3',
        parameters: [{ name: 'InstanceId', type: 'String', hasDefault: false }],
      }),
    }),
    ids: [],
  },
  {
    name: 'parameter the document does not define',
    facts: factsWith({
      association: association({ parameters: { commands: ['echo hi'], workingDir: ['/tmp'] } }),
    }),
    ids: ['parameters.undefined'],
  },
  {
    name: 'InvalidAssoc: unresolved {{ssm:…}} reference',
    facts: factsWith({
      association: association({ status: 'Failed', parameters: { commands: ['deploy {{ssm:/app/version}}'] } }),
      nodes: [invalidAssoc('Input contains invalid parameters [/app/version]')],
    }),
    ids: ['parameters.unresolved-reference'],
  },
  {
    name: 'InvalidAssoc: SecureString reference (§3.17)',
    facts: factsWith({
      association: association({ status: 'Failed', parameters: { commands: ['login {{ssm:/app/db-password}}'] } }),
      nodes: [invalidAssoc('Parameters [/app/db-password] of type SecureString are not supported')],
    }),
    ids: ['parameters.securestring-reference'],
  },
  {
    name: 'InvalidAssoc: type mismatch',
    facts: factsWith({
      nodes: [invalidAssoc('Parameter /app/hosts of type StringList cannot be used as a String')],
    }),
    ids: ['parameters.type-mismatch'],
  },
  {
    name: 'InvalidAssoc: allowed-list validator',
    facts: factsWith({
      nodes: [invalidAssoc('parameter value /Reboot/ is not in the allowed list [NoReboot RebootIfNeeded]')],
    }),
    ids: ['parameters.validation-failed'],
  },
  {
    name: 'InvalidAssoc: pattern validator',
    facts: factsWith({ nodes: [invalidAssoc('parameter value /x y/ pattern is not matching')] }),
    ids: ['parameters.validation-failed'],
  },
  {
    name: 'InvalidAssoc: max chars validator',
    facts: factsWith({ nodes: [invalidAssoc('parameter value /aaaa/ is exceeding the max chars /3/')] }),
    ids: ['parameters.validation-failed'],
  },
  {
    name: 'InvalidAssoc: other parse error',
    facts: factsWith({ nodes: [invalidAssoc('Encountered error while parsing input - internal error')] }),
    ids: ['parameters.invalid-assoc'],
  },
  {
    name: 'other agent error codes are not parameter problems',
    facts: factsWith({
      nodes: [node({ associationStatus: instanceAssociation({ status: 'Failed', errorCode: 'ListAssocError' }) })],
    }),
    ids: [],
  },
  {
    name: 'document not found → parameters cannot be compared',
    facts: factsWith({
      association: association({ parameters: {} }),
      document: { found: false, name: 'AWS-RunShellScript', errorCode: 'InvalidDocument', message: 'gone' },
    }),
    ids: [],
  },
];

describeCheckTable('parameter', parameterChecks, cases);

describe('parameter evidence', () => {
  it('missing required parameter names the document parameter and what the association passes', () => {
    const [f] = findingsOf(parameterChecks, factsWith({ association: association({ parameters: {} }) }));
    expect(f?.evidence).toEqual([
      { field: 'DescribeDocument.Parameters[commands]', value: 'required StringList, no DefaultValue' },
      { field: 'DescribeAssociation.Parameters', value: '{} (none)' },
    ]);
  });

  it('InvalidAssoc findings show {{ssm:…}} references by name, never parameter values', () => {
    const [f] = findingsOf(
      parameterChecks,
      factsWith({
        association: association({ parameters: { commands: ['echo s3cr3t && use {{ssm:/app/version}}'] } }),
        nodes: [invalidAssoc('Input contains invalid parameters [/app/version]')],
      }),
    );
    expect(f?.evidence).toContainEqual({
      field: 'DescribeAssociation.Parameters.commands',
      value: 'references {{ssm:/app/version}}',
    });
    expect(JSON.stringify(f)).not.toContain('s3cr3t');
    expect(f?.step).toBe('nodes');
  });

  it('groups nodes with the same InvalidAssoc kind into one finding', () => {
    const facts = factsWith({
      nodes: [
        invalidAssoc('Input contains invalid parameters [/a]'),
        { ...invalidAssoc('Input contains invalid parameters [/a]'), instanceId: 'i-0aaaaaaaaaaaaaaaa' },
      ],
    });
    const found = findingsOf(parameterChecks, facts);
    expect(found).toHaveLength(1);
    expect(found[0]?.resources).toHaveLength(2);
  });
});

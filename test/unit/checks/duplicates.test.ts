import { describe, expect, it } from 'vitest';
import { duplicateChecks } from '../../../src/domain/checks/duplicates.check.ts';
import type { InvestigationFacts } from '../../../src/domain/facts.ts';
import { type CheckCase, describeCheckTable, findingById } from '../../support/checks.ts';
import {
  association,
  factsWith,
  INSTANCE_ID,
  instanceAssociation,
  node,
  output,
  targets,
} from '../../support/facts.ts';

const inventoryRow = (associationId: string, status = 'Failed') =>
  instanceAssociation({ associationId, documentName: 'AWS-GatherSoftwareInventory', status });

const CONFLICT =
  'aws:softwareInventory detected multiple inventory configurations associated with one instance. Each instance can be associated with just one inventory configuration. Conflicting inventory configuration IDs: a-1 and a-2';

const globalInventory = (overrides: Partial<InvestigationFacts> = {}) =>
  factsWith({
    association: association({
      documentName: 'AWS-GatherSoftwareInventory',
      targets: [{ key: 'InstanceIds', values: ['*'] }],
    }),
    ...overrides,
  });

const cases: CheckCase[] = [
  { name: 'healthy facts', facts: factsWith(), ids: [] },
  {
    name: 'two inventory associations on one node',
    facts: factsWith({
      nodes: [node({ allAssociations: [inventoryRow('a-1'), inventoryRow('a-2'), instanceAssociation()] })],
    }),
    ids: ['inventory.multiple-associations'],
  },
  {
    name: 'one inventory association next to other documents is fine',
    facts: factsWith({ nodes: [node({ allAssociations: [inventoryRow('a-1', 'Success'), instanceAssociation()] })] }),
    ids: [],
  },
  {
    name: '"detected multiple inventory configurations" in the execution summary',
    facts: factsWith({
      nodes: [
        node({
          associationStatus: instanceAssociation({
            executionSummary: { raw: CONFLICT, failures: [], truncated: false },
          }),
        }),
      ],
    }),
    ids: ['inventory.multiple-associations'],
  },
  {
    name: '"detected multiple inventory configurations" in command stderr',
    facts: factsWith({ outputs: [output({ command: { ...output().command!, stderr: CONFLICT } })] }),
    ids: ['inventory.multiple-associations'],
  },
  {
    name: 'global inventory association Skipped on a node',
    facts: globalInventory({
      nodes: [node({ associationStatus: inventoryRow('a-1', 'Skipped'), targetStatus: 'Skipped' })],
    }),
    ids: ['inventory.global-skipped'],
  },
  {
    name: 'global inventory association with Skipped targets',
    facts: globalInventory({ latestTargets: targets([{ status: 'Skipped', resourceIds: [INSTANCE_ID] }]) }),
    ids: ['inventory.global-skipped'],
  },
  {
    name: 'Skipped on a non-global association is not this cause',
    facts: factsWith({ latestTargets: targets([{ status: 'Skipped', resourceIds: [INSTANCE_ID] }]) }),
    ids: [],
  },
];

describeCheckTable('duplicate association checks (§3.12, §3.14)', duplicateChecks, cases);

describe('duplicate association checks (§3.12, §3.14): evidence', () => {
  it('lists the conflicting inventory association ids', () => {
    const f = findingById(
      duplicateChecks,
      factsWith({ nodes: [node({ allAssociations: [inventoryRow('a-1'), inventoryRow('a-2')] })] }),
      'inventory.multiple-associations',
    );
    expect(f.evidence).toContainEqual({
      field: `DescribeInstanceAssociationsStatus(${INSTANCE_ID})`,
      value: '2 AWS-GatherSoftwareInventory associations: a-1, a-2',
    });
    expect(f.cli.join('\n')).toContain('list-associations');
  });
});

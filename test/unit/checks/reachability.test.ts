import { describe, expect, it } from 'vitest';
import { reachabilityChecks } from '../../../src/domain/checks/reachability.check.ts';
import type { FactGap } from '../../../src/domain/facts.ts';
import { type CheckCase, describeCheckTable, findingById } from '../../support/checks.ts';
import { ASSOCIATION_ID, factsWith } from '../../support/facts.ts';

const gone: FactGap = {
  step: 'association',
  kind: 'not-found',
  operation: 'DescribeAssociation',
  code: 'AssociationDoesNotExist',
  message: `Association ${ASSOCIATION_ID} does not exist in 111122223333 / us-east-1.`,
};
const roleRefused: FactGap = {
  step: 'access',
  kind: 'access-denied',
  operation: 'AssumeRole',
  code: 'AccessDenied',
  message: 'Could not assume arn:aws:iam::111122223333:role/ssm-why-readonly',
};
const denied = (action: string, operation: string): FactGap => ({
  step: 'nodes',
  kind: 'access-denied',
  action,
  operation,
  code: 'AccessDeniedException',
  message: `${action} denied`,
});

const cases: CheckCase[] = [
  { name: 'no gaps', facts: factsWith(), ids: [] },
  { name: 'the association does not exist', facts: factsWith({ gaps: [gone] }), ids: ['association.not-found'] },
  {
    name: 'the investigator role cannot be assumed',
    facts: factsWith({ gaps: [roleRefused] }),
    ids: ['access.role-not-assumable'],
  },
  {
    name: 'a read refused in a later step',
    facts: factsWith({ gaps: [denied('ssm:DescribeInstanceInformation', 'DescribeInstanceInformation')] }),
    ids: ['access.permission-missing'],
  },
  {
    name: 'a throttled read is not a missing permission',
    facts: factsWith({
      gaps: [{ step: 'nodes', kind: 'throttled', code: 'ThrottlingException', message: 'Rate exceeded' }],
    }),
    ids: [],
  },
  {
    name: 'an access gap without an action names no permission',
    facts: factsWith({ gaps: [{ step: 'nodes', kind: 'access-denied', message: 'denied' }] }),
    ids: [],
  },
];

describeCheckTable('reachability', reachabilityChecks, cases);

describe('reachability: evidence', () => {
  it('names every refused action once, with the operation as evidence', () => {
    const f = findingById(
      reachabilityChecks,
      factsWith({
        gaps: [
          denied('ssm:DescribeInstanceInformation', 'DescribeInstanceInformation'),
          denied('ec2:DescribeInstances', 'DescribeInstances'),
          denied('ssm:DescribeInstanceInformation', 'DescribeInstanceInformation'),
        ],
      }),
      'access.permission-missing',
    );
    expect(f.title).toBe(
      "The investigation is incomplete: ssm-why's role lacks ssm:DescribeInstanceInformation, ec2:DescribeInstances",
    );
    expect(f.evidence).toContainEqual({ field: 'DescribeInstances', value: 'AccessDenied' });
  });

  it('the role that cannot be assumed is critical and quotes the error code', () => {
    const f = findingById(reachabilityChecks, factsWith({ gaps: [roleRefused] }), 'access.role-not-assumable');
    expect(f.severity).toBe('critical');
    expect(f.evidence).toEqual([{ field: 'AssumeRole', value: 'AccessDenied' }]);
    expect(f.summary).toContain('(AccessDenied)');
  });
});

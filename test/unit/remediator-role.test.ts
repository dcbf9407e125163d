// The remediator role template allows exactly StartAssociationsOnce and the verification read, on this account's
// associations only, and trusts one principal with an ExternalId.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const cfnTag = (tag: string) => ({ tag, resolve: (value: string) => ({ [tag]: value }) });
const template = parse(readFileSync(new URL('../../deploy/aws/remediator-role.yaml', import.meta.url), 'utf8'), {
  customTags: [cfnTag('!Ref'), cfnTag('!Sub'), cfnTag('!GetAtt')],
}) as {
  Resources: {
    RemediatorRole: {
      Properties: {
        AssumeRolePolicyDocument: { Statement: { Action: string; Condition: unknown }[] };
        Policies: { PolicyDocument: { Statement: { Effect: string; Action: string; Resource: unknown }[] } }[];
      };
    };
  };
};

describe('deploy/aws/remediator-role.yaml', () => {
  const role = template.Resources.RemediatorRole.Properties;
  it('allows only ssm:StartAssociationsOnce and ssm:DescribeAssociationExecutions, on this account’s associations', () => {
    const statements = role.Policies.flatMap((p) => p.PolicyDocument.Statement);
    expect(statements.map((s) => s.Action).sort()).toEqual([
      'ssm:DescribeAssociationExecutions',
      'ssm:StartAssociationsOnce',
    ]);
    for (const s of statements) {
      expect(s.Effect).toBe('Allow');
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's !Sub placeholders, not a JS template
      expect(s.Resource).toEqual({ '!Sub': 'arn:${AWS::Partition}:ssm:*:${AWS::AccountId}:association/*' });
    }
  });
  it('is assumed only with the ExternalId', () => {
    const [trust] = role.AssumeRolePolicyDocument.Statement;
    expect(trust?.Action).toBe('sts:AssumeRole');
    expect(trust?.Condition).toEqual({ StringEquals: { 'sts:ExternalId': { '!Ref': 'ExternalId' } } });
  });
});

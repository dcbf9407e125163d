// The only write ssm-why makes: StartAssociationsOnce, under the account's remediator role (a separate role
// from the read-only investigator, allowed nothing else that writes).
import { type SSMClient, StartAssociationsOnceCommand } from '@aws-sdk/client-ssm';
import type { AccountRef, SsmRemediator } from '../investigation/ports.ts';
import { awsCall } from './errors.ts';

export class SdkSsmRemediator implements SsmRemediator {
  constructor(private readonly deps: { ssm: SSMClient; account: AccountRef; region: string }) {}

  async startAssociationOnce(associationId: string): Promise<void> {
    const ctx = {
      service: 'ssm' as const,
      operation: 'StartAssociationsOnce',
      accountId: this.deps.account.id,
      region: this.deps.region,
    };
    await awsCall(ctx, () => this.deps.ssm.send(new StartAssociationsOnceCommand({ AssociationIds: [associationId] })));
  }
}

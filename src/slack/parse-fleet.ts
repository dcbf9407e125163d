// Parses `/ssm-why failing [account <name|id>] [region <region>]`. Pure.
import { clip, REGION, splitFlag } from './parse-command.ts';

export type FleetCommand = { kind: 'failing'; account?: string; region?: string };

export function parseFailing(rest: string[]): FleetCommand | { kind: 'invalid'; problem: string } {
  const result: FleetCommand = { kind: 'failing' };
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i] ?? '';
    const [flag, inline] = splitFlag(token);
    if (flag !== 'account' && flag !== 'region') {
      return {
        kind: 'invalid',
        problem: `Unexpected \`${clip(token)}\`. \`failing\` takes \`account <name|id>\` and \`region <region>\`.`,
      };
    }
    const value = inline ?? rest[++i];
    if (!value) return { kind: 'invalid', problem: `\`${flag}\` needs a value.` };
    if (flag === 'region' && !REGION.test(value)) {
      return { kind: 'invalid', problem: `\`${clip(value)}\` is not an AWS region (e.g. eu-west-1).` };
    }
    result[flag] = value;
  }
  return result;
}

// Parses `/ssm-why failing [account <name|id>] [region <region>]`. Pure.
import { clip, type Invalid, REGION, splitFlag } from './parse-command.ts';

export type FleetCommand = { kind: 'failing'; account?: string; region?: string };

export function parseFailing(rest: string[]): FleetCommand | Invalid {
  const result: FleetCommand = { kind: 'failing' };
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i] ?? '';
    const [flag, inline] = splitFlag(token);
    if (flag !== 'account' && flag !== 'region') {
      return { kind: 'invalid', problem: (t) => t.slack.problems.unexpectedFailingOption(clip(token)) };
    }
    const value = inline ?? rest[++i];
    if (!value) return { kind: 'invalid', problem: (t) => t.slack.problems.needsValue(flag) };
    if (flag === 'region' && !REGION.test(value)) {
      return { kind: 'invalid', problem: (t) => t.slack.problems.notARegion(clip(value)) };
    }
    result[flag] = value;
  }
  return result;
}

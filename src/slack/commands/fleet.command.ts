// `/ssm-why failing [account …] [region …]`: acks within 3 s with a "scanning…" message (pure work only: parse,
// scope, authorize), then scans and replaces it with the failure groups.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { FleetScanner } from '../../fleet/scan.ts';
import { fleetScope } from '../../fleet/scope.ts';
import type { AccountRef, AuditLog } from '../../investigation/ports.ts';
import type { FleetCommand } from '../parse-fleet.ts';
import { renderProblem, renderUnauthorized } from '../views/errors.view.ts';
import { renderFleet, renderFleetScanning } from '../views/fleet.view.ts';

export interface FleetCommandDeps {
  accounts: readonly AccountRef[];
  audit: AuditLog;
  fleet: FleetScanner;
}

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export async function fleetCommand(
  deps: FleetCommandDeps | undefined,
  parsed: FleetCommand,
  { command, ack, respond, logger }: Pick<CommandArgs, 'command' | 'ack' | 'respond' | 'logger'>,
): Promise<void> {
  if (!deps) {
    await ack({ response_type: 'ephemeral', ...renderProblem('The fleet view is not enabled in this app.') });
    return;
  }
  const who = { teamId: command.team_id, channelId: command.channel_id, userId: command.user_id };
  const scope = fleetScope(deps.accounts, [who.channelId], parsed);
  if (scope.kind === 'unauthorized') {
    await ack({
      response_type: 'ephemeral',
      ...renderUnauthorized({ accountName: scope.account.name, accountId: scope.account.id }),
    });
    await deps.audit.record({ kind: 'fleet.refused', ...who, accountId: scope.account.id, detail: { ...parsed } });
    return;
  }
  if (scope.kind !== 'pairs') {
    const reason = scope.kind === 'unknown-account' ? `Unknown account \`${scope.account}\`.` : scope.reason;
    await ack({ response_type: 'ephemeral', ...renderProblem(reason) });
    return;
  }
  await ack({ response_type: 'ephemeral', ...renderFleetScanning({ pairs: scope.pairs.length }) });
  const filters = [parsed.account && `account ${parsed.account}`, parsed.region && `region ${parsed.region}`];
  const scopeText = filters.filter(Boolean).join(', ');
  try {
    const report = await deps.fleet.scan(scope.pairs, { userId: who.userId });
    await respond({
      response_type: 'ephemeral',
      replace_original: true,
      ...renderFleet({ report, ...(scopeText ? { scope: scopeText } : {}) }),
    });
  } catch (error) {
    logger.error('fleet scan failed', error);
    await respond({
      response_type: 'ephemeral',
      replace_original: true,
      ...renderProblem('Sorry — the scan failed. Please try again.'),
    });
  }
}

// `/ssm-why failing [account …] [region …]`: acks within 3 s with a "scanning…" message (pure work only: parse,
// scope, authorize), then scans and replaces it with the failure groups.
import type { FleetScanner } from '../../fleet/scan.ts';
import { fleetScope } from '../../fleet/scope.ts';
import { texts } from '../../i18n/index.ts';
import type { AccountRef, AuditLog } from '../../investigation/ports.ts';
import type { FleetCommand } from '../parse-fleet.ts';
import { renderProblem, renderUnauthorized } from '../views/errors.view.ts';
import { renderFleet, renderFleetScanning } from '../views/fleet.view.ts';
import type { SubcommandArgs } from './subcommand.ts';

export interface FleetCommandDeps {
  accounts: readonly AccountRef[];
  audit: AuditLog;
  fleet: FleetScanner;
}

export async function fleetCommand(
  deps: FleetCommandDeps | undefined,
  parsed: FleetCommand,
  { command, ack, respond, logger, speaking }: SubcommandArgs,
): Promise<void> {
  const { personal } = await speaking;
  const t = texts(personal).slack.command;
  if (!deps) {
    await ack({ response_type: 'ephemeral', ...renderProblem(t.fleetDisabled) });
    return;
  }
  const who = { teamId: command.team_id, channelId: command.channel_id, userId: command.user_id };
  const scope = fleetScope(deps.accounts, [who.channelId], parsed, personal);
  if (scope.kind === 'unauthorized') {
    await ack({
      response_type: 'ephemeral',
      ...renderUnauthorized({ accountName: scope.account.name, accountId: scope.account.id, lang: personal }),
    });
    await deps.audit.record({ kind: 'fleet.refused', ...who, accountId: scope.account.id, detail: { ...parsed } });
    return;
  }
  if (scope.kind !== 'pairs') {
    const reason = scope.kind === 'unknown-account' ? t.unknownAccount(scope.account) : scope.reason;
    await ack({ response_type: 'ephemeral', ...renderProblem(reason) });
    return;
  }
  await ack({ response_type: 'ephemeral', ...renderFleetScanning({ pairs: scope.pairs.length, lang: personal }) });
  try {
    const report = await deps.fleet.scan(scope.pairs, { userId: who.userId }, personal);
    await respond({
      response_type: 'ephemeral',
      replace_original: true,
      ...renderFleet({ report, filter: parsed, lang: personal }),
    });
  } catch (error) {
    logger.error('fleet scan failed', error);
    await respond({
      response_type: 'ephemeral',
      replace_original: true,
      ...renderProblem(t.scanFailed),
    });
  }
}

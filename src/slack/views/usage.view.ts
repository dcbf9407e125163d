// `/ssm-why help`, and the reply to a command that could not be understood.
import { BlockIds, context, section } from './blocks.ts';
import { enforceMessageLimits, type KnownBlock, type SlackMessage, safeText } from './limits.ts';

export const EXAMPLE_ASSOCIATION_ID = '8dfe3659-4309-493a-8755-0123456789ab';

export interface UsageInput {
  /** Raw text of what was wrong with the command (an unknown subcommand, a malformed id); escaped here. */
  problem?: string;
  /** The slash command as installed; defaults to `/ssm-why`. */
  command?: string;
}

/** The help text: every command form, with the problem (when there was one) on top. */
export function renderUsage(input: UsageInput = {}): SlackMessage {
  const ids = new BlockIds('usage');
  const cmd = safeText(input.command ?? '/ssm-why', 32);
  const blocks: KnownBlock[] = [];
  if (input.problem) {
    blocks.push(
      section(
        `⚠️ ${safeText(input.problem, 1_000)}\nAn association id looks like \`${EXAMPLE_ASSOCIATION_ID}\`.`,
        ids.next('problem'),
      ),
    );
  }
  blocks.push(
    section(
      [
        `*Investigate an association*`,
        `\`${cmd} <association-id> [account <name|id>] [region <region>]\``,
        `Also \`--account <name|id>\` and \`--region <region>\`. The id may be pasted as a console URL or an association ARN.`,
        `e.g. \`${cmd} ${EXAMPLE_ASSOCIATION_ID} account prod region eu-west-1\``,
      ].join('\n'),
      ids.next('investigate'),
    ),
    section(
      [
        `*Other commands*`,
        `• \`${cmd} history [<association-id>]\` — recent investigations and remediations in this channel`,
        `• \`${cmd} stats\` — verdicts of this channel's accounts over 30 days: causes, 👍/👎, median time to verdict`,
        `• \`${cmd} failing [account <name|id>] [region <region>]\` — every Failed or Pending association this channel may see, grouped by cause`,
        `• \`${cmd} doctor\` — check the setup for the accounts this channel may use (only you see the answer)`,
        `• \`${cmd} help\` — this message`,
      ].join('\n'),
      ids.next('commands'),
    ),
    section(
      [
        `*Failure alerts in this channel*`,
        `• \`${cmd} subscribe [account <name|id>] [region <region>] [association <id> | document <name> | name <glob>]\` — alert here when an association fails (or stays Pending), with the investigation in the alert's thread`,
        `• \`${cmd} subscriptions\` — this channel's subscriptions`,
        `• \`${cmd} unsubscribe <id|all>\` — stop them`,
      ].join('\n'),
      ids.next('alerts'),
    ),
    context(
      ['Read-only: ssm-why looks at the association, its executions, targets, nodes and output; it changes nothing.'],
      ids.next('note'),
    ),
  );
  const text = input.problem
    ? `${safeText(input.problem, 500)} — usage: ${cmd} <association-id> [account <name|id>] [region <region>]`
    : `Usage: ${cmd} <association-id> [account <name|id>] [region <region>] · ${cmd} history · ${cmd} help`;
  return enforceMessageLimits({ text, blocks });
}

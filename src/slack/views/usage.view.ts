// `/ssm-why help`, and the reply to a command that could not be understood.
import { type Lang, texts } from '../../i18n/index.ts';
import { BlockIds, context, section } from './blocks.ts';
import { enforceMessageLimits, type KnownBlock, type SlackMessage, safeText } from './limits.ts';

export const EXAMPLE_ASSOCIATION_ID = '8dfe3659-4309-493a-8755-0123456789ab';

export interface UsageInput {
  /** Raw text of what was wrong with the command (an unknown subcommand, a malformed id); escaped here. */
  problem?: string;
  /** The slash command as installed; defaults to `/ssm-why`. */
  command?: string;
  lang: Lang;
}

/** The help text: every command form, with the problem (when there was one) on top. */
export function renderUsage(input: UsageInput): SlackMessage {
  const say = texts(input.lang).panels.usage;
  const ids = new BlockIds('usage');
  const cmd = safeText(input.command ?? '/ssm-why', 32);
  const blocks: KnownBlock[] = [];
  if (input.problem) {
    blocks.push(section(say.problem(safeText(input.problem, 1_000), EXAMPLE_ASSOCIATION_ID), ids.next('problem')));
  }
  blocks.push(
    section(say.investigate(cmd, EXAMPLE_ASSOCIATION_ID), ids.next('investigate')),
    section(say.commands(cmd), ids.next('commands')),
    section(say.alerts(cmd), ids.next('alerts')),
    context([say.readOnly], ids.next('note')),
  );
  const text = input.problem ? say.problemText(safeText(input.problem, 500), cmd) : say.text(cmd);
  return enforceMessageLimits({ text, blocks });
}

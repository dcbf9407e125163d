// What a `/ssm-why` handler receives from Bolt, and what it hands a subcommand (failing, subscribe, …): the parts it
// answers with, and the languages being looked up for this request.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Speech } from '../language.ts';

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export type SubcommandArgs = Pick<CommandArgs, 'command' | 'ack' | 'respond' | 'logger'> & {
  speaking: Promise<Speech>;
};

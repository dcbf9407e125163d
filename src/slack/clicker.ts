// Who clicked, and where: the requester of a button click, the same for every button.
import type { BlockAction } from '@slack/bolt';
import type { Requester } from '../investigation/ports.ts';

export function clicker(body: BlockAction): Requester {
  return {
    teamId: body.team?.id ?? body.user.team_id ?? '',
    channelId: body.channel?.id ?? body.container?.channel_id ?? '',
    userId: body.user.id,
  };
}

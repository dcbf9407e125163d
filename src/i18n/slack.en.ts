// English text of everything the bot posts in Slack (src/slack).

export const slackEn = {
  buttons: {
    rerun: 'Re-run',
  },
};

export type SlackCatalog = typeof slackEn;

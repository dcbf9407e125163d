// English text of the bot's panels: alerts and digests, the fleet view, App Home, history, subscriptions, doctor, Run now and usage (src/slack/views).

export const panelsEn = {};

export type PanelsCatalog = typeof panelsEn;

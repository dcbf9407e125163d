// English text of what the investigation machinery says to people: authorization refusals, the calls that could
// not be made (gaps), Show output's text, give-ups, the fleet scope and subscription parsing (src/investigation,
// src/fleet, src/slack/parse-subscription.ts).

export const workEn = {};

export type WorkCatalog = typeof workEn;

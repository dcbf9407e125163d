// English text of what an investigation posts in its thread: the root message, step replies, the verdict, Show output, watch and feedback (src/slack/views, src/investigation/steps).

export const threadEn = {};

export type ThreadCatalog = typeof threadEn;

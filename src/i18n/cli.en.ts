// English text of the command-line tools (src/cli).

export const cliEn = {
  usageTitle: 'Usage',
};

export type CliCatalog = typeof cliEn;

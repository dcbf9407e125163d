// English text of the findings and the verdict (src/domain). AWS field names and values stay as AWS wrote them.

export const findingsEn = {
  verdict: {
    healthyTitle: 'Healthy',
  },
};

export type FindingsCatalog = typeof findingsEn;

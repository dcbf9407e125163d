// The value of a "choose this location" button: which association, account and region. No secret, and
// re-authorized on click like every other button.
const SEP = '|';

export const locationToken = {
  encode: (l: { associationId: string; accountId: string; region: string }): string =>
    [l.associationId, l.accountId, l.region].join(SEP),
  decode: (token: string): { associationId: string; accountId: string; region: string } | undefined => {
    const [associationId, accountId, region, extra] = token.split(SEP);
    if (!associationId || !accountId || !region || extra !== undefined) return undefined;
    return { associationId, accountId, region };
  },
};

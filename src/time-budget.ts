// A wait with a budget: the answer when it comes in time, else a stand-in (the work itself goes on).

/** `work`'s value if it settles within `ms`, else `late` (the work goes on; a rejection stays the caller's). */
export async function within<T, L>(work: Promise<T>, ms: number, late: L): Promise<T | L> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<L>((resolve) => {
    timer = setTimeout(() => resolve(late), ms);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

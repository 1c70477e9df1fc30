import { describe, expect, it } from "vitest";
import { suppressCounts } from "./suppression.js";

const shown = (counts: Record<string, number>) =>
  Object.fromEntries([...suppressCounts(new Map(Object.entries(counts)))].map(([key, count]) => [key, count.families]));

describe("suppressing a partner's preview counts", () => {
  it("withholds counts under five, none included, as the indicators do", () => {
    expect(shown({ a: 0, b: 4, c: 5, d: 100 })).toEqual({ a: null, b: null, c: 5, d: 100 });
  });

  it("withholds the smaller of two counts a small group apart, so none is learnt by subtraction", () => {
    expect(shown({ goals: 12, analyses: 9, tasks: 20 })).toEqual({ goals: 12, analyses: null, tasks: 20 });
    expect(shown({ a: 10, b: 6, c: 14 })).toEqual({ a: null, b: null, c: 14 });
  });

  it("keeps equal counts, and counts five or more apart", () => {
    expect(shown({ a: 6, b: 6, c: 11, d: 16 })).toEqual({ a: 6, b: 6, c: 11, d: 16 });
  });
});

import { describe, expect, it } from "vitest";
import { suppress, type RawFigure } from "./suppression.js";

const figure = (key: string, families: number, partOf?: string): RawFigure => ({ key, value: families, families, partOf });
const hiddenKeys = (figures: RawFigure[]) => suppress(figures).filter((shown) => shown.suppressed).map((shown) => shown.key);

describe("suppressing small figures", () => {
  it("withholds value and family count below five families, none included, and shows five", () => {
    const shown = suppress([figure("four", 4), figure("five", 5), { key: "none", value: null, families: 0 }]);
    expect(shown).toEqual([
      { key: "four", value: null, families: null, suppressed: true },
      { key: "five", value: 5, families: 5, suppressed: false },
      { key: "none", value: null, families: null, suppressed: true },
    ]);
  });

  it("withholds the next smallest part of a shown total when exactly one part is withheld", () => {
    expect(hiddenKeys([figure("total", 20), figure("a", 3, "total"), figure("b", 9, "total"), figure("c", 8, "total")])).toEqual(["a", "c"]);
  });

  it("takes the first of two equally small parts", () => {
    expect(hiddenKeys([figure("total", 13), figure("a", 3, "total"), figure("b", 5, "total"), figure("c", 5, "total")])).toEqual(["a", "b"]);
  });

  it("adds nothing when two parts are withheld already, or the total itself is", () => {
    expect(hiddenKeys([figure("total", 20), figure("a", 3, "total"), figure("b", 2, "total"), figure("c", 15, "total")])).toEqual(["a", "b"]);
    expect(hiddenKeys([figure("total", 4), figure("a", 3, "total"), figure("b", 1, "total")])).toEqual(["total", "a", "b"]);
  });

  it("guards each total's parts on their own", () => {
    const figures = [figure("x", 12), figure("x.1", 2, "x"), figure("x.2", 10, "x"), figure("y", 12), figure("y.1", 6, "y"), figure("y.2", 6, "y")];
    expect(hiddenKeys(figures)).toEqual(["x.1", "x.2"]);
  });
});

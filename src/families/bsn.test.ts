import { describe, expect, it } from "vitest";
import { isValidBsn } from "./bsn.js";

describe("isValidBsn", () => {
  it("accepts numbers that pass the 11-proof", () => {
    // 9·1+8·1+7·1+6·2+5·2+4·2+3·3+2·3 − 1·4 = 55
    expect(isValidBsn("111222333")).toBe(true);
    expect(isValidBsn("123456782")).toBe(true);
  });
  it("refuses a wrong check digit, wrong length, letters and all zeros", () => {
    expect(isValidBsn("111222334")).toBe(false);
    expect(isValidBsn("12345678")).toBe(false);
    expect(isValidBsn("1234567820")).toBe(false);
    expect(isValidBsn("12345678a")).toBe(false);
    expect(isValidBsn(" 11222333")).toBe(false);
    expect(isValidBsn("000000000")).toBe(false);
  });
});

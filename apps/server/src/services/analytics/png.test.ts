import { describe, expect, it } from "vitest";
import { MAX_FIGURE_BYTES } from "@tonghop/contracts";
import { makePng } from "./png.fixture.js";
import { decodePngDataUrl } from "./png.js";

const url = (b: Buffer) => `data:image/png;base64,${b.toString("base64")}`;

describe("decodePngDataUrl", () => {
  it("reads the size from the image", () => {
    const img = decodePngDataUrl(url(makePng(320, 200)));
    expect([img.width, img.height]).toEqual([320, 200]);
    expect(img.bytes.subarray(1, 4).toString()).toBe("PNG");
  });

  it("refuses what is not a PNG, naming the field", () => {
    expect(() => decodePngDataUrl("data:image/jpeg;base64,/9j/4AAQ")).toThrow("Ảnh biểu đồ (imageDataUrl) không phải tệp PNG hợp lệ: cần dạng data:image/png;base64,….");
    expect(() => decodePngDataUrl(url(Buffer.from("GIF89a không phải PNG, đủ dài để đọc khối IHDR và IEND ở cuối tệp")))).toThrow(/sai chữ ký tệp/);
    const png = makePng(10, 10);
    expect(() => decodePngDataUrl(url(png.subarray(0, png.length - 12)))).toThrow(/thiếu khối IEND/);
    const broken = Buffer.from(png);
    broken[17] = (broken[17]! + 1) % 256;
    expect(() => decodePngDataUrl(url(broken))).toThrow(/sai CRC/);
  });

  it("refuses more than 2 MB with 413", () => {
    const big = makePng(10, 10, MAX_FIGURE_BYTES);
    try {
      decodePngDataUrl(url(big));
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ statusCode: 413, code: "PAYLOAD_TOO_LARGE" });
      expect((e as Error).message).toBe("Ảnh biểu đồ 2 MB vượt giới hạn 2 MB: xuất biểu đồ ở kích thước nhỏ hơn.");
    }
  });
});

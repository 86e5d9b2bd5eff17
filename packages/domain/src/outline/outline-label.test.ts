import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  OutlineLabelError,
  formatOutlineLabel,
  nextOutlineLabel,
  parseOutlineLabel,
  renumberOutline,
  renumberSiblings,
  renumberSubtree,
  tryParseOutlineLabel,
} from "./outline-label.js";
import type { OutlineNode, OutlineScheme } from "./outline-label.js";

describe("parseOutlineLabel — các nhãn trong hai văn bản mẫu", () => {
  it.each([
    ["Phần I", "part", 1, false],
    ["PHẦN II", "part", 2, false],
    ["Phần IV", "part", 4, false],
    ["Phần 3", "part", 3, false],
    ["A", "upper-letter", 1, false],
    ["B", "upper-letter", 2, false],
    ["C", "upper-letter", 3, false],
    ["D", "upper-letter", 4, false],
    ["Đ", "upper-letter", 5, false],
    ["A.", "upper-letter", 1, true],
    ["I", "roman", 1, false],
    ["I.", "roman", 1, true],
    ["VII", "roman", 7, false],
    ["X", "roman", 10, false],
    ["XXXIX", "roman", 39, false],
    ["1", "arabic", 1, false],
    ["1.", "arabic", 1, true],
    ["12", "arabic", 12, false],
    ["2.1", "decimal", [2, 1], false],
    ["2.2.", "decimal", [2, 2], true],
    ["3.2.1", "decimal", [3, 2, 1], false],
    ["a)", "letter", 1, false],
    ["đ)", "letter", 5, false],
    ["i)", "letter", 9, false],
    ["v)", "letter", 21, false],
    ["y)", "letter", 23, false],
    ["b.", "letter", 2, true],
    ["(i)", "roman-paren", 1, false],
    ["(vii)", "roman-paren", 7, false],
    ["(ix)", "roman-paren", 9, false],
    ["(xi)", "roman-paren", 11, false],
    ["AA", "upper-letter", 24, false],
    ["-", "dash", null, false],
    ["–", "dash", null, false],
    ["+", "plus", null, false],
  ] as const)("%j → %s %j", (label, scheme, value, trailingDot) => {
    const p = parseOutlineLabel(label);
    expect(p.scheme).toBe(scheme);
    expect(p.value).toEqual(value);
    expect(p.trailingDot).toBe(trailingDot);
    expect(p.raw).toBe(label);
    if (scheme === "decimal") expect(p.level).toBe((value as readonly number[]).length);
    // viết lại đúng như cũ
    expect(formatOutlineLabel(p.scheme, p.value, p.style)).toBe(label);
  });

  it.each([
    ["", "nhãn trống"],
    ["F", "không có F, J, W, Z"],
    ["f)", "không có f, j, w, z"],
    ["IIII", "'IIII' không phải số La Mã hợp lệ"],
    ["(iiii)", "'iiii' không phải số La Mã hợp lệ"],
    ["Phần IIII", "'IIII' không phải số La Mã hợp lệ"],
    ["Phần 0", "không phải số La Mã hợp lệ"],
    ["*", "không thuộc kiểu đánh số nào"],
    ["1a", "không thuộc kiểu đánh số nào"],
    ["AF", "không có F, J, W, Z"],
  ])("từ chối %j: %s", (label, fragment) => {
    expect(() => parseOutlineLabel(label)).toThrow(OutlineLabelError);
    expect(() => parseOutlineLabel(label)).toThrow(fragment);
    expect(tryParseOutlineLabel(label)).toBeNull();
  });
});

describe("nextOutlineLabel", () => {
  it.each([
    ["2.1", "2.2"],
    ["2.2.", "2.3."],
    ["3.2.9", "3.2.10"],
    ["a)", "b)"],
    ["d)", "đ)"],
    ["đ)", "e)"],
    ["e)", "g)"],
    ["h)", "i)"],
    ["i)", "k)"],
    ["v)", "x)"],
    ["y)", "aa)"],
    ["(iii)", "(iv)"],
    ["(viii)", "(ix)"],
    ["Phần I", "Phần II"],
    ["PHẦN III", "PHẦN IV"],
    ["I.", "II."],
    ["XXXVIII", "XXXIX"],
    ["A", "B"],
    ["D", "Đ"],
    ["1.", "2."],
    ["9", "10"],
    ["-", "-"],
    ["–", "–"],
    ["+", "+"],
  ])("%j → %j", (label, next) => {
    expect(nextOutlineLabel(label)).toBe(next);
  });
});

describe("chữ cái in hoa và số La Mã một chữ", () => {
  it("mặc định I, V, X là số La Mã; C, D, L, M là chữ cái; gợi ý kiểu gỡ mơ hồ", () => {
    expect(parseOutlineLabel("I").scheme).toBe("roman");
    expect(parseOutlineLabel("C").scheme).toBe("upper-letter");
    expect(parseOutlineLabel("I", "upper-letter")).toMatchObject({ scheme: "upper-letter", value: 9 });
    expect(parseOutlineLabel("X.", "upper-letter")).toMatchObject({ scheme: "upper-letter", value: 22, trailingDot: true });
    expect(parseOutlineLabel("C", "roman")).toMatchObject({ scheme: "roman", value: 100 });
    expect(parseOutlineLabel("A", "roman")).toMatchObject({ scheme: "upper-letter", value: 1 });
    expect(nextOutlineLabel("H")).toBe("I");
    expect(nextOutlineLabel("I", "upper-letter")).toBe("K");
    expect(renumberSiblings(["I", "A", ""])).toEqual(["A", "B", "C"]);
    expect(renumberSiblings(["I", "V", ""])).toEqual(["I", "II", "III"]);
    expect(renumberSiblings(["I", "V"], { scheme: "upper-letter" })).toEqual(["A", "B"]);
    expect(renumberSiblings(["A", "B", "C", "D", "Đ", "E", "G", "H", "I", "K", ""])).toEqual([
      "A", "B", "C", "D", "Đ", "E", "G", "H", "I", "K", "L",
    ]);
  });
});

describe("formatOutlineLabel", () => {
  it("viết theo kiểu và cách viết", () => {
    expect(formatOutlineLabel("part", 2)).toBe("Phần II");
    expect(formatOutlineLabel("part", 2, { partWord: "PHẦN", trailingDot: true })).toBe("PHẦN II.");
    expect(formatOutlineLabel("part", 2, { partNumerals: "arabic" })).toBe("Phần 2");
    expect(formatOutlineLabel("roman", 4, { trailingDot: true })).toBe("IV.");
    expect(formatOutlineLabel("decimal", [3, 2, 1])).toBe("3.2.1");
    expect(formatOutlineLabel("letter", 5)).toBe("đ)");
    expect(formatOutlineLabel("letter", 5, { letterCloser: "." })).toBe("đ.");
    expect(formatOutlineLabel("roman-paren", 7)).toBe("(vii)");
    expect(formatOutlineLabel("upper-letter", 5)).toBe("Đ");
    expect(formatOutlineLabel("dash", null)).toBe("-");
    expect(formatOutlineLabel("plus", null)).toBe("+");
  });

  it("báo lỗi khi số thứ tự sai", () => {
    expect(() => formatOutlineLabel("roman", 0)).toThrow("Nhãn kiểu roman cần số thứ tự nguyên dương (nhận 0)");
    expect(() => formatOutlineLabel("arabic", [1, 2])).toThrow(/cần số thứ tự nguyên dương/);
    expect(() => formatOutlineLabel("decimal", 3)).toThrow("Nhãn kiểu decimal cần ít nhất hai thành phần số (nhận 3)");
    expect(() => formatOutlineLabel("decimal", [3])).toThrow(/ít nhất hai thành phần/);
  });
});

describe("renumberSiblings", () => {
  it("đánh số lại theo thứ tự, giữ kiểu và cách viết của nhãn đầu", () => {
    expect(renumberSiblings(["2.1", "2.3", "", "2.2."])).toEqual(["2.1", "2.2", "2.3", "2.4"]);
    expect(renumberSiblings(["a)", "c)", "b)", "x"])).toEqual(["a)", "b)", "c)", "d)"]);
    expect(renumberSiblings(["(i)", "(iii)", "(ii)"])).toEqual(["(i)", "(ii)", "(iii)"]);
    expect(renumberSiblings(["I.", "III.", "II"])).toEqual(["I.", "II.", "III."]);
    expect(renumberSiblings(["Phần II", "Phần I"])).toEqual(["Phần I", "Phần II"]);
    expect(renumberSiblings(["-", "", "-"])).toEqual(["-", "-", "-"]);
    expect(renumberSiblings(["+", "+"])).toEqual(["+", "+"]);
  });

  it("nhãn khác kiểu chen giữa giữ nguyên, không chiếm số", () => {
    expect(renumberSiblings(["1.", "-", "3.", "-", "2."])).toEqual(["1.", "-", "2.", "-", "3."]);
  });

  it("không có nhãn nào đọc được thì giữ nguyên", () => {
    expect(renumberSiblings(["", "*"])).toEqual(["", "*"]);
    expect(renumberSiblings([])).toEqual([]);
  });

  it("số bắt đầu và tiền tố thập phân", () => {
    expect(renumberSiblings(["a)", "a)"], { start: 4 })).toEqual(["d)", "đ)"]);
    expect(renumberSiblings(["2.1", "2.5"], { prefix: [3, 2] })).toEqual(["3.2.1", "3.2.2"]);
  });

  const arbScheme = fc.constantFrom<OutlineScheme>("part", "upper-letter", "roman", "arabic", "decimal", "letter", "roman-paren", "dash", "plus");

  it("tính chất: giữ thứ tự, cùng kiểu, số thứ tự tăng ngặt (1, 2, 3…)", () => {
    fc.assert(
      fc.property(
        arbScheme,
        fc.array(fc.integer({ min: 1, max: 39 }), { minLength: 1, maxLength: 30 }),
        fc.boolean(),
        (scheme, values, dot) => {
          const labels = values.map((v) =>
            formatOutlineLabel(scheme, scheme === "decimal" ? [3, 2, v] : scheme === "dash" || scheme === "plus" ? null : v, {
              trailingDot: dot,
            }),
          );
          const out = renumberSiblings(labels, { scheme });
          expect(out).toHaveLength(labels.length);
          const parsed = out.map((l) => parseOutlineLabel(l, scheme));
          for (const p of parsed) expect(p.scheme).toBe(scheme);
          if (scheme === "dash" || scheme === "plus") return;
          const nums = parsed.map((p) => (Array.isArray(p.value) ? p.value[p.value.length - 1]! : (p.value as number)));
          nums.forEach((n, i) => expect(n).toBe(i + 1));
          if (scheme === "decimal") for (const p of parsed) expect((p.value as number[]).slice(0, 2)).toEqual([3, 2]);
          // đánh số lại lần nữa không đổi gì
          expect(renumberSiblings(out, { scheme })).toEqual(out);
        },
      ),
    );
  });

  it("tính chất: thứ tự các mục (theo định danh) được giữ sau khi chèn một mục mới", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 15 }), fc.nat(), (n, pos) => {
        const items = Array.from({ length: n }, (_, i) => ({ id: `m${i}`, label: `${i + 1}.` }));
        const at = pos % (n + 1);
        items.splice(at, 0, { id: "moi", label: "" });
        const relabeled = renumberSiblings(items.map((x) => x.label));
        expect(relabeled).toEqual(Array.from({ length: n + 1 }, (_, i) => `${i + 1}.`));
        expect(relabeled[at]).toBe(`${at + 1}.`);
      }),
    );
  });
});

describe("renumberSubtree", () => {
  it("sau khi chèn một mục, con thập phân theo số của cha (đề cương Công văn 2830)", () => {
    const tree: OutlineNode & { id: string } = {
      id: "root",
      label: "Phần II",
      children: [
        {
          label: "I",
          children: [
            { label: "1", children: [{ label: "1.1" }, { label: "1.2" }] },
            { label: "" }, // mục mới chèn
            {
              label: "2",
              children: [
                { label: "2.1" },
                { label: "2.2", children: [{ label: "(i)" }, { label: "(ii)" }, { label: "-" }] },
              ],
            },
            { label: "3", children: [{ label: "3.1" }, { label: "3.2", children: [{ label: "3.2.1" }, { label: "3.2.2" }] }] },
          ],
        },
        { label: "II", children: [{ label: "2.1" }, { label: "2.2." }] },
      ],
    };
    const out = renumberSubtree(tree);
    expect(out.id).toBe("root");
    expect(out.label).toBe("Phần II");
    const labels = (n: OutlineNode): unknown => (n.children ? [n.label, n.children.map(labels)] : n.label);
    expect(out.children!.map(labels)).toEqual([
      [
        "I",
        [
          ["1", ["1.1", "1.2"]],
          "2",
          ["3", ["3.1", ["3.2", ["(i)", "(ii)", "-"]]]],
          ["4", ["4.1", ["4.2", ["4.2.1", "4.2.2"]]]],
        ],
      ],
      ["II", ["2.1", "2.2"]], // cách viết thống nhất theo nhãn đầu ("2.1")
    ]);
    // cây cũ không bị sửa
    expect(tree.children![0]!.children![2]!.label).toBe("2");
  });

  it("sau khi di chuyển mục lên đầu", () => {
    const root: OutlineNode = {
      label: "3",
      children: [{ label: "3.2", children: [{ label: "3.2.1" }] }, { label: "3.1", children: [{ label: "3.1.1" }, { label: "a)" }] }],
    };
    const out = renumberSubtree(root);
    expect(out.children!.map((c) => [c.label, c.children!.map((x) => x.label)])).toEqual([
      ["3.1", ["3.1.1"]],
      ["3.2", ["3.2.1", "a)"]],
    ]);
  });

  it("cha không có số (chữ cái, gạch đầu dòng) thì con thập phân giữ tiền tố của mình; nút lá giữ nguyên", () => {
    expect(renumberSubtree({ label: "A", children: [{ label: "5.3" }, { label: "5.1" }] }).children.map((c) => c.label)).toEqual(["5.1", "5.2"]);
    expect(renumberSubtree({ label: "1" })).toEqual({ label: "1" });
  });

  it("renumberOutline đánh số cả cấp cao nhất", () => {
    const out = renumberOutline([
      { label: "II.", children: [{ label: "1." }, { label: "3." }] },
      { label: "I.", children: [{ label: "2.5" }] },
    ]);
    expect(out.map((n) => [n.label, n.children.map((c) => c.label)])).toEqual([
      ["I.", ["1.", "2."]],
      ["II.", ["2.1"]],
    ]);
  });
});

import type { z } from "zod";
import type {
  CampaignTemplate,
  TemplateColumn,
  TemplateIndicatorRow,
  TemplateIndicatorsAppendix,
  TemplateOutlineItem,
  TemplateRecordsAppendix,
} from "./campaign-template.schema.js";
import { TemplateColumnExpansionError, expandColumns, templatePeriodYears } from "./columns.js";
import { checkIndicatorExpression } from "./expression.js";
import { TEMPLATE_LIMITS as L } from "./text.js";

type Path = (string | number)[];

/** Nhãn gạch đầu dòng: được phép trùng giữa các mục cùng cấp. */
export const TEMPLATE_BULLET_LABELS: ReadonlySet<string> = new Set(["-", "+", "–", "•"]);

/** Đường dẫn kiểu YAML: outline[3].children[0].label */
export function formatTemplatePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out === "" ? String(p) : `.${String(p)}`;
  }
  return out === "" ? "(gốc)" : out;
}

/**
 * Kiểm tra tham chiếu chéo bên trong một mẫu (chạy sau khi cấu trúc đã hợp lệ).
 * Mỗi lỗi có đường dẫn tới chỗ sai và thông báo tiếng Việt.
 */
export function checkTemplate(t: CampaignTemplate, ctx: z.RefinementCtx): void {
  let issueCount = 0;
  const issue = (path: Path, message: string) => {
    issueCount++;
    ctx.addIssue({ code: "custom", path, message: `${message} (tại ${formatTemplatePath(path)})` });
  };

  const unique = <T>(items: readonly T[], key: (x: T) => string, base: Path, field: string, what: string) => {
    const seen = new Map<string, number>();
    items.forEach((x, i) => {
      const k = key(x);
      const first = seen.get(k);
      if (first !== undefined) issue([...base, i, field], `${what} "${k}" bị trùng (đã có tại ${formatTemplatePath([...base, first])})`);
      else seen.set(k, i);
    });
  };
  const noDuplicateNames = (names: readonly string[] | undefined, base: Path) => {
    if (!names) return;
    const seen = new Set<string>();
    names.forEach((n, i) => {
      if (seen.has(n)) issue([...base, i], `Cơ quan "${n}" được ghi hai lần`);
      seen.add(n);
    });
  };

  // --- kỳ, địa bàn, văn bản
  unique(t.periods, (p) => p.key, ["periods"], "key", "Kỳ");
  t.periods.forEach((p, i) => {
    if (p.key.includes("-") && templatePeriodYears(p.key).length < 2) issue(["periods", i, "key"], `Giai đoạn "${p.key}" phải có năm đầu nhỏ hơn năm cuối`);
  });
  const declaredPeriods = new Set(t.periods.map((p) => p.key));
  const checkPeriod = (period: string, path: Path) => {
    if (/^\d{4}$/.test(period)) return;
    if (!declaredPeriods.has(period)) issue(path, `Giai đoạn "${period}" chưa được khai báo trong periods`);
  };

  unique(t.areas, (a) => a.code, ["areas"], "code", "Mã địa bàn");
  const primaries = t.areas.filter((a) => a.primary).length;
  if (primaries !== 1) issue(["areas"], `Phải có đúng một địa bàn chính (primary: true), hiện có ${primaries}`);
  const areaCodes = new Set(t.areas.map((a) => a.code));
  const checkArea = (code: string | undefined, path: Path) => {
    if (code !== undefined && !areaCodes.has(code)) issue(path, `Địa bàn "${code}" chưa được khai báo trong areas`);
  };

  const directives = t.legalBasis.filter((d) => d.role === "directive").length;
  if (directives > 1) issue(["legalBasis"], `Chỉ được có một văn bản role: directive, hiện có ${directives}`);

  // --- phụ lục, chỉ tiêu, tham luận (để kiểm tra tham chiếu)
  unique(t.appendices, (a) => a.code, ["appendices"], "code", "Mã phụ lục");
  const appendixCodes = new Set(t.appendices.map((a) => a.code));
  unique(t.indicators, (x) => x.code, ["indicators"], "code", "Mã chỉ tiêu");
  const indicatorCodes = new Set(t.indicators.map((x) => x.code));
  const contributions = t.requirements.contributions ?? [];
  unique(contributions, (c) => c.code, ["requirements", "contributions"], "code", "Mã tham luận");
  const contributionCodes = new Set(contributions.map((c) => c.code));

  // --- yêu cầu
  const checkPages = (pages: { min?: number | undefined; max?: number | undefined } | undefined, path: Path) => {
    if (pages?.min !== undefined && pages.max !== undefined && pages.min > pages.max) {
      issue(path, `Số trang tối thiểu (${pages.min}) lớn hơn số trang tối đa (${pages.max})`);
    }
  };
  checkPages(t.requirements.pages, ["requirements", "pages"]);
  contributions.forEach((c, i) => checkPages(c.pages, ["requirements", "contributions", i, "pages"]));

  // --- mốc tiến độ
  unique(t.milestones, (m) => m.code, ["milestones"], "code", "Mã mốc");
  t.milestones.forEach((m, i) => {
    const path: Path = ["milestones", i];
    noDuplicateNames(m.from, [...path, "from"]);
    if (m.wording === undefined && m.note === undefined) {
      issue(path, `Mốc ${m.code} không có lời văn về hạn (wording) thì phải ghi giả định vào note`);
    }
    if (m.due < t.referenceDate) issue([...path, "due"], `Hạn ${m.due} sớm hơn ngày tham chiếu ${t.referenceDate}`);
    const prev = t.milestones[i - 1];
    if (prev && m.due < prev.due) {
      issue([...path, "due"], `Các mốc phải theo thứ tự thời gian: hạn ${m.due} sớm hơn hạn ${prev.due} của mốc ${prev.code} đứng trước`);
    }
    if (m.scope.kind === "appendices") {
      m.scope.codes.forEach((c, j) => {
        if (!appendixCodes.has(c)) issue([...path, "scope", "codes", j], `Phụ lục "${c}" không có trong appendices`);
      });
    }
    if (m.scope.kind === "contributions") {
      const codes = m.scope.codes;
      codes.forEach((c, j) => {
        if (!contributionCodes.has(c)) issue([...path, "scope", "codes", j], `Tham luận "${c}" không có trong requirements.contributions`);
      });
    }
  });
  contributions.forEach((c, i) => {
    const m = t.milestones.find((ms) => ms.scope.kind === "contributions" && ms.scope.codes.includes(c.code));
    if (c.due && m && m.due !== c.due) {
      issue(["requirements", "contributions", i, "due"], `Hạn tham luận ${c.due} khác hạn ${m.due} của mốc ${m.code}`);
    }
  });

  // --- danh mục chỉ tiêu: biểu thức, vòng lặp
  const deps = new Map<string, string[]>();
  t.indicators.forEach((ind, i) => {
    if (ind.expression === undefined) return;
    const path: Path = ["indicators", i, "expression"];
    const res = checkIndicatorExpression(ind.expression);
    if (!res.ok) {
      issue(path, `Biểu thức của chỉ tiêu ${ind.code} sai cú pháp: ${res.error}`);
      return;
    }
    for (const r of res.references) {
      if (!indicatorCodes.has(r)) issue(path, `Biểu thức của chỉ tiêu ${ind.code} tham chiếu chỉ tiêu "${r}" không có trong indicators`);
    }
    deps.set(ind.code, res.references);
  });
  const cycle = findTemplateCycle(deps);
  if (cycle) {
    const i = t.indicators.findIndex((x) => x.code === cycle[0]);
    issue(["indicators", i, "expression"], `Các chỉ tiêu tính toán tham chiếu vòng tròn: ${cycle.join(" → ")}`);
  }

  // --- đề cương
  let outlineCount = 0;
  let depthReported = false;
  const walkTemplateOutline = (items: readonly TemplateOutlineItem[], base: Path, depth: number) => {
    const labels = new Map<string, number>();
    items.forEach((item, i) => {
      const path: Path = [...base, i];
      outlineCount++;
      if (depth > L.outlineDepth) {
        if (!depthReported) issue(path, `Đề cương sâu quá ${L.outlineDepth} cấp`);
        depthReported = true;
        return;
      }
      if (!TEMPLATE_BULLET_LABELS.has(item.label)) {
        const first = labels.get(item.label);
        if (first !== undefined) issue([...path, "label"], `Nhãn "${item.label}" trùng với mục cùng cấp tại ${formatTemplatePath([...base, first])}`);
        else labels.set(item.label, i);
      }
      noDuplicateNames(item.lead, [...path, "lead"]);
      noDuplicateNames(item.cooperate, [...path, "cooperate"]);
      item.cooperate?.forEach((n, j) => {
        if (item.lead?.includes(n)) issue([...path, "cooperate", j], `Cơ quan "${n}" vừa chủ trì vừa phối hợp`);
      });
      item.appendices?.forEach((c, j) => {
        if (!appendixCodes.has(c)) issue([...path, "appendices", j], `Phụ lục "${c}" không có trong appendices`);
      });
      if (item.children) walkTemplateOutline(item.children, [...path, "children"], depth + 1);
    });
  };
  walkTemplateOutline(t.outline, ["outline"], 1);
  if (outlineCount > L.outlineItems) issue(["outline"], `Đề cương có quá ${L.outlineItems} mục`);

  // --- phụ lục
  t.appendices.forEach((a, i) => {
    const base: Path = ["appendices", i];
    if (a.kind === "indicators") checkIndicatorsAppendix(a, base);
    else checkRecordsAppendix(a, base);
  });

  function checkIndicatorsAppendix(a: TemplateIndicatorsAppendix, base: Path) {
    // cây cột
    const walkColumns = (cols: readonly TemplateColumn[], path: Path, depth: number) => {
      cols.forEach((c, i) => {
        const p: Path = [...path, i];
        if (depth > L.columnDepth) {
          issue(p, `Tiêu đề cột sâu quá ${L.columnDepth} tầng`);
          return;
        }
        switch (c.kind) {
          case "group": {
            const n = [c.children, c.years, c.areas].filter((x) => x !== undefined).length;
            if (n !== 1) issue(p, `Nhóm cột "${c.title}" phải có đúng một trong: children, years, areas`);
            if (c.years) checkArea(c.years.area, [...p, "years", "area"]);
            if (c.areas) {
              checkPeriod(c.areas.period, [...p, "areas", "period"]);
              c.areas.codes.forEach((code, j) => checkArea(code, [...p, "areas", "codes", j]));
            }
            if (c.children) walkColumns(c.children, [...p, "children"], depth + 1);
            break;
          }
          case "value":
            checkPeriod(c.period, [...p, "period"]);
            checkArea(c.area, [...p, "area"]);
            break;
          case "target":
          case "evaluation":
          case "proposal":
            checkPeriod(c.period, [...p, "period"]);
            break;
          case "note":
            break;
        }
      });
    };
    const before = issueCount;
    walkColumns(a.columns, [...base, "columns"], 1);
    let targetPeriods = new Set<string>();
    if (issueCount === before) {
      try {
        const { leaves } = expandColumns(a, t.areas);
        targetPeriods = new Set(leaves.filter((l) => l.kind === "target").map((l) => (l as { period: string }).period));
        for (const l of leaves) {
          if (l.kind === "evaluation" && !targetPeriods.has(l.period)) {
            issue([...base, "columns"], `Cột đánh giá "${l.title}" cần một cột mục tiêu (kind: target) cùng kỳ ${l.period}`);
          }
          if (l.kind === "value" && l.mode === "computed") {
            const years = templatePeriodYears(l.period);
            const ok = years.length > 1 && years.every((y) => leaves.some((x) => x.key === `value:${y}:${l.area}`));
            if (!ok) issue([...base, "columns"], `Cột "${l.title}" (kỳ ${l.period}, địa bàn ${l.area}) không thể tính: cần cột số liệu của mọi năm trong kỳ cùng địa bàn`);
          }
        }
      } catch (e) {
        if (e instanceof TemplateColumnExpansionError) issue([...base, ...e.path], e.message);
        else throw e;
      }
    }

    // cây dòng
    const usedIndicators = new Set<string>();
    let rowCount = 0;
    let depthReported = false;
    const hasTargetColumn = a.columns.length > 0 && targetPeriods.size > 0;
    const walkTemplateRows = (rows: readonly TemplateIndicatorRow[], path: Path, depth: number, inheritedLead: boolean) => {
      rows.forEach((r, i) => {
        const p: Path = [...path, i];
        rowCount++;
        if (depth > L.rowDepth) {
          if (!depthReported) issue(p, `Cây dòng sâu quá ${L.rowDepth} cấp`);
          depthReported = true;
          return;
        }
        noDuplicateNames(r.lead, [...p, "lead"]);
        if (r.indicator !== undefined) {
          usedIndicators.add(r.indicator);
          if (!indicatorCodes.has(r.indicator)) issue([...p, "indicator"], `Chỉ tiêu "${r.indicator}" không có trong indicators`);
        } else {
          for (const k of ["aggregation", "direction", "decimals"] as const) {
            if (r[k] !== undefined) issue([...p, k], `Dòng tiêu đề "${r.name}" không có chỉ tiêu nên không thể ghi đè ${k}`);
          }
        }
        if (r.target !== undefined && !hasTargetColumn) {
          issue([...p, "target"], `Dòng "${r.name}" có mục tiêu nhưng phụ lục không có cột mục tiêu (kind: target)`);
        }
        if (r.openForAgencies) {
          if (r.indicator !== undefined) issue([...p, "indicator"], `Dòng mở "${r.name}" không được gắn chỉ tiêu`);
          if (r.children?.length) issue([...p, "children"], `Dòng mở "${r.name}" không có dòng con trong mẫu (cơ quan tự thêm)`);
          if (!r.lead && !inheritedLead) issue(p, `Dòng mở "${r.name}" phải ghi cơ quan được thêm chỉ tiêu (lead)`);
        }
        if (r.children) walkTemplateRows(r.children, [...p, "children"], depth + 1, inheritedLead || r.lead !== undefined);
      });
    };
    walkTemplateRows(a.rows, [...base, "rows"], 1, false);
    if (rowCount > L.appendixRows) issue([...base, "rows"], `Phụ lục có quá ${L.appendixRows} dòng`);

    // quy tắc
    const rules = a.validations ?? [];
    const ruleIds = new Map<string, number>();
    rules.forEach((v, i) => {
      if (v.id === undefined) return;
      const first = ruleIds.get(v.id);
      if (first !== undefined) issue([...base, "validations", i, "id"], `Mã quy tắc "${v.id}" bị trùng (đã có tại ${formatTemplatePath([...base, "validations", first])})`);
      else ruleIds.set(v.id, i);
    });
    rules.forEach((v, i) => {
      const p: Path = [...base, "validations", i];
      const ref = (code: string, field: Path) => {
        if (!indicatorCodes.has(code)) issue([...p, ...field], `Chỉ tiêu "${code}" không có trong indicators`);
        else if (!usedIndicators.has(code)) issue([...p, ...field], `Chỉ tiêu "${code}" không có dòng nào trong phụ lục ${a.code}`);
      };
      switch (v.kind) {
        case "sum":
          v.of.forEach((c, j) => ref(c, ["of", j]));
          break;
        case "compare":
          ref(v.left, ["left"]);
          if (typeof v.right === "string") ref(v.right, ["right"]);
          if (v.left === v.right) issue(p, "Quy tắc compare phải so sánh hai chỉ tiêu khác nhau");
          break;
        case "yoy":
        case "zscore":
          ref(v.code, ["code"]);
          break;
      }
    });
  }

  function checkRecordsAppendix(a: TemplateRecordsAppendix, base: Path) {
    unique(a.columns, (c) => c.key, [...base, "columns"], "key", "Khóa cột");
    const cols = new Map(a.columns.map((c) => [c.key, c]));
    a.columns.forEach((c, i) => {
      const p: Path = [...base, "columns", i];
      if (c.type === "choice" && !c.options) issue([...p, "options"], `Cột "${c.title}" kiểu choice phải có options`);
      if (c.type !== "choice" && c.options) issue([...p, "options"], `Cột "${c.title}" chỉ được có options khi kiểu là choice`);
    });
    noDuplicateNames(a.reporters, [...base, "reporters"]);
    if (!a.reporters && !a.rows?.length) issue(base, `Phụ lục ${a.code} không có dòng điền sẵn (rows) và không có cơ quan được thêm dòng (reporters)`);
    a.rows?.forEach((r, i) => {
      const p: Path = [...base, "rows", i];
      for (const [k, v] of Object.entries(r.values)) {
        const col = cols.get(k);
        if (!col) {
          issue([...p, "values", k], `Cột "${k}" không có trong columns`);
          continue;
        }
        if (col.type === "number" && typeof v !== "number") issue([...p, "values", k], `Cột "${col.title}" cần giá trị số`);
        if (col.type !== "number" && typeof v !== "string") issue([...p, "values", k], `Cột "${col.title}" cần giá trị chuỗi`);
        if (col.type === "choice" && typeof v === "string" && !col.options?.includes(v)) {
          issue([...p, "values", k], `Giá trị "${v}" không thuộc các lựa chọn của cột "${col.title}"`);
        }
        if (col.type === "date" && (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(v))) {
          issue([...p, "values", k], `Cột "${col.title}" cần ngày dạng YYYY-MM-DD`);
        }
      }
      for (const c of a.columns) {
        if (c.prefilled && r.values[c.key] === undefined) issue([...p, "values"], `Dòng điền sẵn thiếu giá trị cột "${c.title}" (prefilled)`);
      }
    });
  }
}

/** Tìm một vòng trong đồ thị phụ thuộc (mã → các mã được tham chiếu); trả về đường vòng hoặc null. */
export function findTemplateCycle(deps: ReadonlyMap<string, readonly string[]>): string[] | null {
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (n: string): string[] | null => {
    const s = state.get(n);
    if (s === 2) return null;
    if (s === 1) return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, 1);
    stack.push(n);
    for (const d of deps.get(n) ?? []) {
      const c = visit(d);
      if (c) return c;
    }
    stack.pop();
    state.set(n, 2);
    return null;
  };
  for (const n of deps.keys()) {
    const c = visit(n);
    if (c) return c;
  }
  return null;
}

// Checks the agency directory seed (agencies.yaml) against the two reference directives:
// seeds/000 = Chỉ thị 15/CT-UBND (2020), seeds/003 = Công văn 2830/VP-TH (2024) with CV 8296-CV/VPTU and CV 4517-CV/BKTTW.
// Every string in the tables below is copied verbatim from those texts (line breaks collapsed to one space).
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

const ALLOWED_KINDS: readonly string[] = [
  "trung-uong",
  "thanh-uy",
  "co-quan-dang",
  "hdnd",
  "ubnd",
  "so",
  "co-quan-ngang-so",
  "co-quan-trung-uong-tai-dia-phuong",
  "quan-huyen",
  "quan-huyen-uy",
  "mttq",
  "to-chuc-chinh-tri-xa-hoi",
  "doanh-nghiep",
  "truong-dai-hoc",
  "ban-quan-ly-du-an",
  "khac",
];

const AGENCY_KEYS = new Set(["code", "name", "shortName", "abbreviation", "kind", "aliases", "children"]);
const GROUP_KEYS = new Set(["code", "name", "description", "aliases", "members"]);
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

interface Agency {
  code: string;
  name: string;
  shortName: string;
  abbreviation: string;
  kind: string;
  aliases: string[];
  parent: string | null;
}

interface Group {
  code: string;
  name: string;
  aliases: string[];
  members: string[];
}

// ---------------------------------------------------------------------------------------------
// Loading (typed by hand: the YAML is untrusted input here)

function record(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error(`${where}: expected a mapping`);
  return value as Record<string, unknown>;
}

function text(r: Record<string, unknown>, key: string, where: string): string {
  const v = r[key];
  if (typeof v !== "string" || v.trim() === "") throw new Error(`${where}.${key}: expected a non-empty string`);
  return v;
}

function texts(r: Record<string, unknown>, key: string, where: string): string[] {
  const v = r[key];
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new Error(`${where}.${key}: expected a list`);
  return v.map((item, i) => {
    if (typeof item !== "string" || item.trim() === "") throw new Error(`${where}.${key}[${i}]: expected a non-empty string`);
    return item;
  });
}

function unknownKeys(r: Record<string, unknown>, allowed: Set<string>): string[] {
  return Object.keys(r).filter((k) => !allowed.has(k));
}

const raw = record(parse(readFileSync(new URL("../../seed/agencies.yaml", import.meta.url), "utf8")), "agencies.yaml");
const agencies: Agency[] = [];
const extraKeys: string[] = [];

function walk(value: unknown, parent: string | null, where: string): void {
  const r = record(value, where);
  const code = text(r, "code", where);
  const here = `${where}(${code})`;
  extraKeys.push(...unknownKeys(r, AGENCY_KEYS).map((k) => `${here}.${k}`));
  agencies.push({
    code,
    name: text(r, "name", here),
    shortName: text(r, "shortName", here),
    abbreviation: text(r, "abbreviation", here),
    kind: text(r, "kind", here),
    aliases: texts(r, "aliases", here),
    parent,
  });
  const children = r.children;
  if (children === undefined) return;
  if (!Array.isArray(children)) throw new Error(`${here}.children: expected a list`);
  children.forEach((child, i) => walk(child, code, `${here}.children[${i}]`));
}

const rootList = raw.agencies;
if (!Array.isArray(rootList)) throw new Error("agencies: expected a list");
rootList.forEach((node, i) => walk(node, null, `agencies[${i}]`));

const groupList = raw.groups;
if (!Array.isArray(groupList)) throw new Error("groups: expected a list");
const groups: Group[] = groupList.map((value, i) => {
  const where = `groups[${i}]`;
  const r = record(value, where);
  extraKeys.push(...unknownKeys(r, GROUP_KEYS).map((k) => `${where}.${k}`));
  return {
    code: text(r, "code", where),
    name: text(r, "name", where),
    aliases: texts(r, "aliases", where),
    members: texts(r, "members", where),
  };
});

const agencyByCode = new Map(agencies.map((a) => [a.code, a]));
const groupByCode = new Map(groups.map((g) => [g.code, g]));

function group(code: string): Group {
  const g = groupByCode.get(code);
  if (!g) throw new Error(`no group ${code}`);
  return g;
}

// ---------------------------------------------------------------------------------------------
// Normalisation

const DASHES = /[\u2010-\u2015\u2212]/g;

/** What the loader does before an exact match: lowercase, trim, collapse spaces, one kind of hyphen. */
function exactKey(s: string): string {
  return s.normalize("NFC").toLowerCase().replace(DASHES, "-").replace(/\s+/g, " ").trim();
}

/** Stronger key for the uniqueness check: also without diacritics (đ → d). */
function searchKey(s: string): string {
  return exactKey(s).normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").normalize("NFC");
}

function spellings(x: { name: string; aliases: string[] } & Partial<Pick<Agency, "shortName" | "abbreviation">>): string[] {
  return [x.name, x.shortName, x.abbreviation, ...x.aliases].filter((s): s is string => s !== undefined);
}

/** code of the agency or group each key denotes; several codes = a collision. */
function buildIndex(key: (s: string) => string): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  const add = (spelling: string, code: string) => {
    const k = key(spelling);
    const set = index.get(k) ?? new Set<string>();
    set.add(code);
    index.set(k, set);
  };
  for (const a of agencies) for (const s of spellings(a)) add(s, a.code);
  for (const g of groups) for (const s of spellings(g)) add(s, g.code);
  return index;
}

const exactIndex = buildIndex(exactKey);
const searchIndex = buildIndex(searchKey);

/** The single agency or group a name denotes (exact match after the loader's normalisation). */
function resolve(name: string): string | undefined {
  const hits = exactIndex.get(exactKey(name));
  if (!hits || hits.size !== 1) return undefined;
  return [...hits][0];
}

function expand(code: string): string[] {
  return groupByCode.get(code)?.members ?? [code];
}

// Longest-match segmentation of an agency cell or address line: "A; B, C", "Các Sở: X, Sở Y" (the prefix is
// distributed over items that are not names by themselves), "Ủy ban nhân dân các quận, huyện: Đồ Sơn, ...".
const exactKeysByLength = [...exactIndex.keys()].sort((a, b) => b.length - a.length);
const BOUNDARY = /[\s,;.:()]/;
const SKIP = /[\s,;.:()-]/;
const ENUMERATIONS: ReadonlyArray<{ head: string; prefixes: string[] }> = [
  { head: "các sở:", prefixes: ["sở "] },
  { head: "ủy ban nhân dân các quận, huyện:", prefixes: ["ủy ban nhân dân quận ", "ủy ban nhân dân huyện "] },
];

function longestAt(s: string, from: number): string | undefined {
  return exactKeysByLength.find((k) => s.startsWith(k, from) && (from + k.length === s.length || BOUNDARY.test(s.charAt(from + k.length))));
}

function segment(cell: string): string[] {
  const s = exactKey(cell.replace(/<[^>]*>/g, ";"));
  const out: string[] = [];
  let prefixes: string[] = [];
  let i = 0;
  while (i < s.length) {
    if (SKIP.test(s.charAt(i))) {
      i++;
      continue;
    }
    if (s.startsWith("và ", i)) {
      i += 3;
      continue;
    }
    const enumeration = ENUMERATIONS.find((e) => s.startsWith(e.head, i));
    if (enumeration) {
      prefixes = enumeration.prefixes;
      i += enumeration.head.length;
      continue;
    }
    const direct = longestAt(s, i);
    if (direct !== undefined) {
      out.push(resolveKey(direct));
      i += direct.length;
      continue;
    }
    let matched = false;
    for (const prefix of prefixes) {
      const withPrefix = prefix + s.slice(i);
      const k = longestAt(withPrefix, 0);
      if (k !== undefined && k.length > prefix.length) {
        out.push(resolveKey(k));
        i += k.length - prefix.length;
        matched = true;
        break;
      }
    }
    if (!matched) throw new Error(`"${cell}": no agency or group name at "${s.slice(i, i + 40)}"`);
  }
  return out;
}

function resolveKey(key: string): string {
  const hits = exactIndex.get(key);
  if (!hits || hits.size !== 1) throw new Error(`"${key}" is ambiguous`);
  return [...hits][0]!;
}

// ---------------------------------------------------------------------------------------------
// Every distinct agency or group name as written in the two directives, with what it must resolve to.

const SEED_NAMES: ReadonlyArray<readonly [string, string]> = [
  // --- seeds/000, Chỉ thị 15/CT-UBND (2020)
  ["Thành ủy", "thanh-uy"],
  ["Đảng bộ thành phố", "thanh-uy"],
  ["Hội đồng nhân dân thành phố", "hdnd-tp"],
  ["Ủy ban nhân dân thành phố", "ubnd-tp"],
  ["Ủy b an nhân dân thành phố", "ubnd-tp"], // caption of Phụ lục I broken across a line
  ["Ban Thường vụ Thành ủy", "btv-thanh-uy"],
  ["Ban Chấp hành Trung ương Đảng", "bch-tw"],
  ["Bộ Chính trị", "bo-chinh-tri"],
  ["Quốc hội", "quoc-hoi"],
  ["Chính phủ", "chinh-phu"],
  ["Thủ tướng Chính phủ", "thu-tuong-cp"],
  ["Bộ Kế hoạch và Đầu tư", "bo-khdt"],
  ["Sở Kế hoạch và Đầu tư", "so-khdt"],
  ["Sở Kế hoạch và Đẩu tư", "so-khdt"], // typo
  ["Sở Kế hoạch và Đấu tư", "so-khdt"], // typo
  ["Cục Thống kê thành phố", "cuc-thong-ke"],
  ["Cục Thống kê", "cuc-thong-ke"],
  ["Sở Tài chính", "so-tc"],
  ["Sở Công Thương", "so-ct"],
  ["Sở Giao thông vận tải", "so-gtvt"],
  ["Sở Du lịch", "so-dl"],
  ["Sở Nông nghiệp và Phát triển nông thôn", "so-nnptnt"],
  ["Sở Khoa học và Công nghệ", "so-khcn"],
  ["Sở Lao động – Thương binh và Xã hội", "so-ldtbxh"],
  ["Sở Y tế", "so-yt"],
  ["Bảo hiểm xã hội TP", "bhxh-tp"],
  ["Sở Xây dựng", "so-xd"],
  ["Sở Tài nguyên và Môi trường", "so-tnmt"],
  ["Các sở, ban, ngành", "cac-so-ban-nganh"],
  ["các sở, ban, ngành", "cac-so-ban-nganh"],
  ["các Sở, ban, ngành", "cac-so-ban-nganh"],
  ["Ủy ban nhân dân các quận, huyện", "ubnd-quan-huyen"],
  ["Ủy ban nhân dân quận, huyện", "ubnd-quan-huyen"],
  ["các quận, huyện", "ubnd-quan-huyen"],
  ["các sở, ban, ngành, Ủy ban nhân dân các quận, huyện", "cac-so-ban-nganh-ubnd-quan-huyen"],
  ["Các Sở, ban, ngành, Ủy ban nhân dân quận, huyện", "cac-so-ban-nganh-ubnd-quan-huyen"],
  ["các sở, ban, ngành, Ủy ban nhân dân quận, huyện", "cac-so-ban-nganh-ubnd-quan-huyen"],
  ["Các sở, ban, ngành, địa phương", "cac-so-ban-nganh-ubnd-quan-huyen"],
  ["các sở, ban, ngành và địa phương", "cac-so-ban-nganh-ubnd-quan-huyen"],
  ["sở, ban, ngành và địa phương", "cac-so-ban-nganh-ubnd-quan-huyen"],
  ["các sở, ngành và địa phương", "cac-so-ban-nganh-ubnd-quan-huyen"],
  ["các cấp, các ngành, địa phương, đơn vị", "cac-so-nganh-dia-phuong-don-vi"],
  ["các sở, ngành, địa phương, đơn vị", "cac-so-nganh-dia-phuong-don-vi"],
  ["Các sở, ngành, địa phương, đơn vị", "cac-so-nganh-dia-phuong-don-vi"],
  ["các sở, ngành, địa phương và đơn vị", "cac-so-nganh-dia-phuong-don-vi"],
  ["sở, ngành, địa phương và đơn vị", "cac-so-nganh-dia-phuong-don-vi"],
  ["các trường đại học", "dai-hoc-tren-dia-ban"],
  ["các đoàn thể", "mttq-va-doan-the"],

  // --- seeds/003, Công văn 2830/VP-TH (2024): header, Kính gửi, body, Nơi nhận
  ["ỦY BAN NHÂN DÂN THÀNH PHỐ HÀI PHÒNG", "ubnd-tp"], // typo "HÀI"
  ["Thường trực HĐND thành phố", "tt-hdnd-tp"],
  ["Ủy ban Mặt trận Tổ quốc Việt Nam thành phố", "mttq-tp"],
  ["Các Ban của Thành ủy", "cac-ban-thanh-uy"],
  ["các Ban của Thành ủy", "cac-ban-thanh-uy"],
  ["Văn phòng Thành ủy", "vp-thanh-uy"],
  ["Các Sở, ban, ngành thành phố", "cac-so-ban-nganh"],
  ["các Sở, ban, ngành thành phố", "cac-so-ban-nganh"],
  ["các tổ chức chính trị - xã hội thành phố", "to-chuc-ctxh-tp"],
  ["Liên minh Hợp tác xã thành phố", "lien-minh-htx-tp"],
  ["Ngân hàng Nhà nước chi nhánh Hải Phòng", "nhnn-hp"],
  ["Bảo hiểm Xã hội thành phố", "bhxh-tp"],
  ["Cảng vụ Hàng hải Hải Phòng", "cang-vu-hh-hp"],
  ["Công ty CP Cảng hàng không quốc tế Cát Bi", "cang-hk-cat-bi"],
  ["Các Ban Quản lý Dự án trực thuộc thành phố", "bqlda-truc-thuoc-tp"],
  ["các Trường Đại học trên địa bàn thành phố", "dai-hoc-tren-dia-ban"],
  ["Các Quận ủy, Huyện ủy", "cac-quan-huyen-uy"],
  ["các Quận ủy, Huyện ủy", "cac-quan-huyen-uy"],
  ["Thường trực Thành ủy", "thuong-truc-thanh-uy"],
  ["Thường trực Hội đồng nhân dân thành phố", "tt-hdnd-tp"],
  ["các Sở, ban, ngành, đơn vị", "cac-so-ban-nganh-don-vi"],
  ["Các Sở, ngành, đơn vị", "cac-so-ban-nganh-don-vi"],
  ["các Sở, ban, ngành, đơn vị, Ủy ban nhân dân các quận, huyện", "cac-so-nganh-dia-phuong-don-vi"],
  ["các Sở, ban, ngành, đơn vị, địa phương", "cac-so-nganh-dia-phuong-don-vi"],
  ["các Sở, ban, ngành, cơ quan, đơn vị, địa phương", "cac-so-nganh-dia-phuong-don-vi"],
  ["các cơ quan Trung ương", "cac-co-quan-trung-uong"],
  ["Ban Kinh tế Trung ương", "ban-kinh-te-tw"],
  ["Văn phòng Ủy ban nhân dân thành phố", "vp-ubnd-tp"],
  ["UBNDTP", "ubnd-tp"],
  ["VPTU", "vp-thanh-uy"],
  ["VP ĐĐBQH&HĐND TP", "vp-doan-dbqh-hdnd-tp"],

  // --- seeds/003, assignment table "CƠ QUAN CHỦ TRỊ", Phụ lục 2 "Đơn vị chủ trì", Phụ lục 3 "Cơ quan báo cáo"
  ["Ban Tuyên giáo Thành ủy", "ban-tuyen-giao-tu"],
  ["Sở Thông tin và Truyền thông", "so-tttt"],
  ["các Quận, Huyện ủy", "cac-quan-huyen-uy"],
  ["Các Quận, Huyện ủy", "cac-quan-huyen-uy"],
  ["Sở Lao động - Thương binh và Xã hội", "so-ldtbxh"],
  ["Sở Giáo dục và Đào tạo", "so-gddt"],
  ["Sở Văn hóa và Thể thao", "so-vhtt"],
  ["Sở Ngoại vụ", "so-ngv"],
  ["Sở Nội vụ", "so-nv"],
  ["Cảng hàng không quốc tế Cát Bi", "cang-hk-cat-bi"],
  ["Cục Hải quan Hải Phòng", "cuc-hai-quan"],
  ["Cục Thuế thành phố", "cuc-thue"],
  ["Cục Thuế", "cuc-thue"],
  ["Ban Quản lý Khu kinh tế Hải Phòng", "bql-kkt"],
  ["Ban Quản lý Khu kinh tế", "bql-kkt"],
  ["Ban Quản lý khu kinh tế", "bql-kkt"],
  ["Bảo hiểm xã hội thành phố", "bhxh-tp"],
  ["Trường Đại học Y – Dược Hải Phòng", "dh-y-duoc"],
  ["trường Đại học Y Dược Hải Phòng", "dh-y-duoc"],
  ["Bộ Chỉ huy Quân sự thành phố", "bchqs-tp"],
  ["Bộ Chỉ huy Bộ đội Biên phòng Hải Phòng", "bdbp-tp"],
  ["Bộ Chỉ huy Bộ đội Biên phòng thành phố", "bdbp-tp"],
  ["Công an thành phố", "cong-an-tp"],
  ["Các Sở, ban, ngành", "cac-so-ban-nganh"],
  ["Ban Quản lý Dự án đầu tư xây dựng công trình dân dụng Hải Phòng", "bqlda-dan-dung"],
  ["Ban Bí thư", "ban-bi-thu"],
  ["Đảng đoàn Quốc hội", "dang-doan-qh"],
  ["Ban cán sự Đảng Chính phủ", "bcsd-chinh-phu"],
  ["Ban cán sự Đảng các bộ, ngành", "bcsd-cac-bo-nganh-tw"],
  ["các Ban Đảng Trung ương", "cac-ban-dang-tw"],
  // --- seeds/003, outline text
  ["các Bộ, ngành", "cac-bo-nganh-tw"],
  ["Ủy ban Thường vụ Quốc hội", "ubtvqh"],
  ["Bộ Xây dựng", "bo-xay-dung"], // "Bộ trưởng Bộ Xây dựng" in a footnote
  ["Tập đoàn Vinashin", "sbic"],
  ["Vinalines", "vimc"],

  // --- seeds/003, CV 8296-CV/VPTU of Văn phòng Thành ủy
  ["THÀNH ỦY HÀI PHÒNG", "thanh-uy"], // typo "HÀI"
  ["Ban cán sự đảng Ủy ban nhân dân thành phố", "bcsd-ubnd-tp"],
  ["Ban Tổ chức Thành ủy", "ban-to-chuc-tu"],
  ["Thành ủy Hải Phòng", "thanh-uy"],
  ["Các đ/c Thường trực Thành ủy", "thuong-truc-thanh-uy"],

  // --- seeds/003, CV 4517-CV/BKTTW of Ban Kinh tế Trung ương and its outline
  ["BAN CHẤP HÀNH TRUNG ƯƠNG", "bch-tw"],
  ["Ban Chấp hành Trung ương", "bch-tw"],
  ["BAN KINH TẾ", "ban-kinh-te-tw"],
  ["Ban Cán sự Đảng các bộ, ngành Trung ương", "bcsd-cac-bo-nganh-tw"],
  ["Vụ Kinh tế vùng và địa phương", "vu-ktvdp"],
  ["Vụ Kinh tế vùng và Địa phương", "vu-ktvdp"],
  ["Văn phòng Ban", "vp-bkttw"],
  ["Ban Chỉ đạo sơ kết Nghị quyết số 45-NQ/TW", "ban-chi-dao-nq45"],
  ["Ban Chỉ đạo", "ban-chi-dao-nq45"],
  ["các bộ, ngành", "cac-bo-nganh-tw"],
  ["UBND thành phố Hải Phòng", "ubnd-tp"],
];

// Whole cells and address lines: each must split into names that all resolve (codes in order; a group stays a group).
type Cells = ReadonlyArray<readonly [string, readonly string[]]>;

const CT15_CELLS: Cells = [
  // seeds/000, Phụ lục I "Cơ quan báo cáo"
  ["Sở Kế hoạch và Đầu tư, Cục Thống kê", ["so-khdt", "cuc-thong-ke"]],
  ["Sở Kế hoạch và Đẩu tư, Cục Thống kê", ["so-khdt", "cuc-thong-ke"]],
  ["Sở Kế hoạch và Đấu tư, Cục Thống kê", ["so-khdt", "cuc-thong-ke"]],
  ["Sở Du lịch, Cục Thống kê", ["so-dl", "cuc-thong-ke"]],
  ["Sở Y tế, Bảo hiểm xã hội TP", ["so-yt", "bhxh-tp"]],
  ["Sở Y tế, Cục Thống kê", ["so-yt", "cuc-thong-ke"]],
  ["Các sở, ban, ngành", ["cac-so-ban-nganh"]],
  // seeds/000, body
  ["Thành ủy, Hội đồng nhân dân thành phố", ["thanh-uy", "hdnd-tp"]],
  ["Quốc hội và Chính phủ", ["quoc-hoi", "chinh-phu"]],
];

const ADDRESS_CELLS_003: Cells = [
  // seeds/003, Kính gửi of CV 2830
  ["Thường trực HĐND thành phố;", ["tt-hdnd-tp"]],
  ["Ủy ban Mặt trận Tổ quốc Việt Nam thành phố;", ["mttq-tp"]],
  ["Các Ban của Thành ủy, Văn phòng Thành ủy;", ["cac-ban-thanh-uy", "vp-thanh-uy"]],
  ["Các Sở, ban, ngành thành phố, các tổ chức chính trị - xã hội thành phố;", ["cac-so-ban-nganh", "to-chuc-ctxh-tp"]],
  [
    "Liên minh Hợp tác xã thành phố, Ngân hàng Nhà nước chi nhánh Hải Phòng, Bảo hiểm Xã hội thành phố, Cảng vụ Hàng hải Hải Phòng, Công ty CP Cảng hàng không quốc tế Cát Bi;",
    ["lien-minh-htx-tp", "nhnn-hp", "bhxh-tp", "cang-vu-hh-hp", "cang-hk-cat-bi"],
  ],
  [
    "Các Ban Quản lý Dự án trực thuộc thành phố, các Trường Đại học trên địa bàn thành phố;",
    ["bqlda-truc-thuoc-tp", "dai-hoc-tren-dia-ban"],
  ],
  ["Các Quận ủy, Huyện ủy, Ủy ban nhân dân các quận, huyện.", ["cac-quan-huyen-uy", "ubnd-quan-huyen"]],
  // seeds/003, item 2 of CV 2830 and Nơi nhận
  [
    "Thường trực Hội đồng nhân dân thành phố, Ủy ban Mặt trận Tổ quốc Việt Nam thành phố, các Ban của Thành ủy, Văn phòng Thành ủy, các tổ chức chính trị - xã hội thành phố, các Quận ủy, Huyện ủy",
    ["tt-hdnd-tp", "mttq-tp", "cac-ban-thanh-uy", "vp-thanh-uy", "to-chuc-ctxh-tp", "cac-quan-huyen-uy"],
  ],
  ["VPTU, VP ĐĐBQH&HĐND TP;", ["vp-thanh-uy", "vp-doan-dbqh-hdnd-tp"]],
  // seeds/003, CV 8296 Kính gửi
  ["Ban cán sự đảng Ủy ban nhân dân thành phố, - Ban Tổ chức Thành ủy;", ["bcsd-ubnd-tp", "ban-to-chuc-tu"]],
];

// CV 2830: assignment table "CƠ QUAN CHỦ TRỊ", Phụ lục 2 "Đơn vị chủ trì", Phụ lục 3 "Cơ quan báo cáo".
const ASSIGNMENT_CELLS_2830: Cells = [
  // assignment table "CƠ QUAN CHỦ TRỊ"
  ["Cục Thống kê, Sở Kế hoạch và Đầu tư", ["cuc-thong-ke", "so-khdt"]],
  ["Cục Thống kê; Sở Kế hoạch và Đầu tư", ["cuc-thong-ke", "so-khdt"]],
  ["Ban Tuyên giáo Thành ủy; Sở Thông tin và Truyền thông", ["ban-tuyen-giao-tu", "so-tttt"]],
  [
    "Thường trực Hội đồng nhân dân thành phố; Các Ban của Thành ủy; các Quận, Huyện ủy; các Sở, ban, ngành thành phố",
    ["tt-hdnd-tp", "cac-ban-thanh-uy", "cac-quan-huyen-uy", "cac-so-ban-nganh"],
  ],
  ["Các Ban của Thành ủy; các Sở, ban, ngành thành phố; các Quận, Huyện ủy", ["cac-ban-thanh-uy", "cac-so-ban-nganh", "cac-quan-huyen-uy"]],
  ["Sở Lao động - Thương binh và Xã hội; Cục Thống kê", ["so-ldtbxh", "cuc-thong-ke"]],
  ["Sở Giao thông vận tải, Cảng vụ Hàng hải Hải Phòng", ["so-gtvt", "cang-vu-hh-hp"]],
  [
    "Sở Công Thương; Sở Tài nguyên và Môi trường; Sở Giao thông vận tải; Sở Du lịch; Sở Khoa học và Công nghệ; Sở Nông nghiệp và Phát triển nông thôn; Ủy ban nhân dân các quận, huyện: Đồ Sơn, Dương Kinh, Cát Hải, Bạch Long Vĩ, Kiến Thụy, Tiên Lãng, Vĩnh Bảo, Thủy Nguyên",
    [
      "so-ct",
      "so-tnmt",
      "so-gtvt",
      "so-dl",
      "so-khcn",
      "so-nnptnt",
      "ubnd-do-son",
      "ubnd-duong-kinh",
      "ubnd-cat-hai",
      "ubnd-bach-long-vi",
      "ubnd-kien-thuy",
      "ubnd-tien-lang",
      "ubnd-vinh-bao",
      "ubnd-thuy-nguyen",
    ],
  ],
  ["Sở Khoa học và Công nghệ; Cục Thống kê; Sở Tài chính", ["so-khcn", "cuc-thong-ke", "so-tc"]],
  [
    "Sở Giáo dục và Đào tạo; Sở Lao động – Thương binh và Xã hội; các Trường Đại học trên địa bàn thành phố",
    ["so-gddt", "so-ldtbxh", "dai-hoc-tren-dia-ban"],
  ],
  ["Sở Tài chính; Cục Hải quan Hải Phòng; Cục Thuế thành phố", ["so-tc", "cuc-hai-quan", "cuc-thue"]],
  ["Sở Tài chính; Ngân hàng Nhà nước chi nhánh Hải Phòng", ["so-tc", "nhnn-hp"]],
  ["Sở Kế hoạch và Đầu tư; Ban Quản lý Khu kinh tế Hải Phòng", ["so-khdt", "bql-kkt"]],
  ["Sở Kế hoạch và Đầu tư; Sở Tài chính; Sở Xây dựng", ["so-khdt", "so-tc", "so-xd"]],
  [
    "Sở Kế hoạch và Đầu tư; Cục Thống kê; Sở Tài chính; Cục Thuế thành phố; Sở Khoa học và Công nghệ; Sở Công Thương",
    ["so-khdt", "cuc-thong-ke", "so-tc", "cuc-thue", "so-khcn", "so-ct"],
  ],
  ["Sở Nội vụ; Sở Thông tin và Truyền thông", ["so-nv", "so-tttt"]],
  ["Sở Công Thương; Ban Quản lý Khu kinh tế Hải Phòng", ["so-ct", "bql-kkt"]],
  ["Sở Công Thương; Sở Giao thông vận tải", ["so-ct", "so-gtvt"]],
  ["Sở Xây dựng; Sở Nội vụ", ["so-xd", "so-nv"]],
  ["Sở Xây dựng; Ban Quản lý Khu kinh tế; Sở Giao thông vận tải", ["so-xd", "bql-kkt", "so-gtvt"]],
  ["Sở Giao thông vận tải; Cảng hàng không quốc tế Cát Bi", ["so-gtvt", "cang-hk-cat-bi"]],
  [
    "Sở Xây dựng; Ban Quản lý Khu kinh tế Hải Phòng; Sở Tài nguyên và Môi trường; Sở Nông nghiệp và Phát triển nông thôn",
    ["so-xd", "bql-kkt", "so-tnmt", "so-nnptnt"],
  ],
  ["Các Ban của Thành ủy; Các Sở, ban, ngành thành phố", ["cac-ban-thanh-uy", "cac-so-ban-nganh"]],
  ["Sở Lao động - Thương binh và Xã hội; Sở Giáo dục và Đào tạo", ["so-ldtbxh", "so-gddt"]],
  ["Sở Ngoại vụ; Sở Công Thương", ["so-ngv", "so-ct"]],
  ["Sở Y tế; Sở Giáo dục và Đào tạo; Bảo hiểm xã hội thành phố", ["so-yt", "so-gddt", "bhxh-tp"]],
  ["Sở Y tế; Trường Đại học Y – Dược Hải Phòng", ["so-yt", "dh-y-duoc"]],
  [
    "Sở Tài nguyên và Môi trường; Sở Nông nghiệp và Phát triển nông thôn; Sở Xây dựng; Ủy ban nhân dân các quận, huyện",
    ["so-tnmt", "so-nnptnt", "so-xd", "ubnd-quan-huyen"],
  ],
  [
    "<p>Sở Nông nghiệp và Phát triển nông thôn</p> <p>Sở Xây dựng</p> <p>Sở Nông nghiệp và Phát triển nông thôn</p> <p>Sở Tài nguyên và Môi trường</p> <p>Ban Quản lý Khu kinh tế Hải Phòng; Sở Tài nguyên và Môi trường; Sở Công Thương</p> <p>Sở Tài nguyên và Môi trường</p>",
    ["so-nnptnt", "so-xd", "so-nnptnt", "so-tnmt", "bql-kkt", "so-tnmt", "so-ct", "so-tnmt"],
  ],
  [
    "Sở Tài nguyên và Môi trường; Ban Quản lý Khu kinh tế; Sở Xây dựng; Ủy ban nhân dân các quận, huyện",
    ["so-tnmt", "bql-kkt", "so-xd", "ubnd-quan-huyen"],
  ],
  [
    "Bộ Chỉ huy Quân sự thành phố; Bộ Chỉ huy Bộ đội Biên phòng Hải Phòng; Sở Giao thông vận tải; Ủy ban nhân dân các quận, huyện: Bạch Long Vĩ, Cát Hải, Đồ Sơn, Tiên Lãng, Kiến Thụy",
    ["bchqs-tp", "bdbp-tp", "so-gtvt", "ubnd-bach-long-vi", "ubnd-cat-hai", "ubnd-do-son", "ubnd-tien-lang", "ubnd-kien-thuy"],
  ],
  ["Bộ Chỉ huy Quân sự thành phố; Bộ Chỉ huy Bộ đội Biên phòng thành phố; Công an thành phố", ["bchqs-tp", "bdbp-tp", "cong-an-tp"]],
  [
    "các Ban của Thành ủy, Văn phòng Thành ủy; Sở Nội vụ; Sở Giao thông vận tải; Các Quận, Huyện ủy", // split by a page break in the seed; joined
    ["cac-ban-thanh-uy", "vp-thanh-uy", "so-nv", "so-gtvt", "cac-quan-huyen-uy"],
  ],
  ["Sở Nội vụ; Sở Lao động - Thương binh và Xã hội; Sở Khoa học và Công nghệ", ["so-nv", "so-ldtbxh", "so-khcn"]],
  ["Ủy ban Mặt trận Tổ quốc Việt Nam thành phố; các tổ chức chính trị - xã hội thành phố", ["mttq-tp", "to-chuc-ctxh-tp"]],
  ["Sở Công Thương, Sở Giao thông vận tải", ["so-ct", "so-gtvt"]],
  ["Sở Lao động - Thương binh và Xã hội; Sở Nội vụ; Sở Khoa học và Công nghệ", ["so-ldtbxh", "so-nv", "so-khcn"]],
  [
    "Sở Kế hoạch và Đầu tư; Sở Tài chính; Ban Quản lý Khu kinh tế Hải Phòng; Sở Giao thông vận tải; Sở Xây dựng", // split by a page break in the seed; joined
    ["so-khdt", "so-tc", "bql-kkt", "so-gtvt", "so-xd"],
  ],
  ["Sở Tài nguyên và Môi trường; Ủy ban nhân dân các quận, huyện .", ["so-tnmt", "ubnd-quan-huyen"]],
  ["Các Sở, ban, ngành; Ủy ban nhân dân các quận, huyện", ["cac-so-ban-nganh", "ubnd-quan-huyen"]],
  ["Sở Tài chính; Sở Nội vụ", ["so-tc", "so-nv"]],
  [
    "Các Sở: Kế hoạch và Đầu tư, Sở Công Thương, Sở Nông nghiệp và Phát triển nông thôn, Sở Du lịch, Sở Giao thông vận tải",
    ["so-khdt", "so-ct", "so-nnptnt", "so-dl", "so-gtvt"],
  ],
  ["Các Sở, ban, ngành thành phố; Ủy ban nhân dân các quận, huyện", ["cac-so-ban-nganh", "ubnd-quan-huyen"]],
  [
    "Các Sở: Văn hóa và Thể thao; Giáo dục và Đào tạo; Y tế; Lao động - Thương binh và Xã hội; Ủy ban nhân dân các quận, huyện",
    ["so-vhtt", "so-gddt", "so-yt", "so-ldtbxh", "ubnd-quan-huyen"],
  ],
  [
    "Các Ban của Thành ủy; các Sở, ban, ngành thành phố; các Quận, Huyện ủy; Ủy ban nhân dân các quận, huyện",
    ["cac-ban-thanh-uy", "cac-so-ban-nganh", "cac-quan-huyen-uy", "ubnd-quan-huyen"],
  ],
  // split by a page break in the seed ("... các quận," / "huyện"); joined
  ["Sở Xây dựng; Sở Tài nguyên và Môi trường; Ủy ban nhân dân các quận, huyện", ["so-xd", "so-tnmt", "ubnd-quan-huyen"]],
  ["Sở Xây dựng; Sở Giao thông vận tải", ["so-xd", "so-gtvt"]],
  ["Sở Kế hoạch và Đầu tư; Sở Tài chính, Cục Thuế thành phố", ["so-khdt", "so-tc", "cuc-thue"]],
  [
    "Các Ban của Thành ủy, Văn phòng Thành ủy; Các Sở, ban, ngành thành phố; Ủy ban nhân dân các quận, huyện",
    ["cac-ban-thanh-uy", "vp-thanh-uy", "cac-so-ban-nganh", "ubnd-quan-huyen"],
  ],
  // seeds/003, Phụ lục 2 "Đơn vị chủ trì, theo dõi, báo cáo"
  ["Sở Kế hoạch và Đầu tư; Ban Quản lý Khu kinh tế", ["so-khdt", "bql-kkt"]],
  ["Sở Nông nghiệp và Phát triển nông thôn; Cục Thống kê", ["so-nnptnt", "cuc-thong-ke"]],
  ["Sở Công Thương; Cục Thống kê", ["so-ct", "cuc-thong-ke"]],
  ["Sở Thông tin và Truyền thông; Cục Thống kê", ["so-tttt", "cuc-thong-ke"]],
  ["Bảo hiểm xã hội thành phố; Sở Y tế", ["bhxh-tp", "so-yt"]],
  ["Ban Quản lý khu kinh tế; Sở Tài nguyên và Môi trường", ["bql-kkt", "so-tnmt"]],
  ["Sở Kế hoạch và Đầu tư; Cục Thống kê; Cục Thuế", ["so-khdt", "cuc-thong-ke", "cuc-thue"]],
  [
    "Sở Kế hoạch và Đầu tư; Cục Thống kê; Cục Thuế; Liên minh Hợp tác xã thành phố",
    ["so-khdt", "cuc-thong-ke", "cuc-thue", "lien-minh-htx-tp"],
  ],
  ["Sở Du lịch; Cục Thống kê", ["so-dl", "cuc-thong-ke"]],
  // Phụ lục 3 "Cơ quan báo cáo" (single names, listed for completeness)
  ["Ban Quản lý Dự án đầu tư xây dựng công trình dân dụng Hải Phòng", ["bqlda-dan-dung"]],
  ["Ban Quản lý Khu kinh tế Hải Phòng", ["bql-kkt"]],
  ["Sở Nông nghiệp và Phát triển nông thôn", ["so-nnptnt"]],
];

// seeds/003: lists inside the text (recipients of recommendations, issuers, objects of evaluation).
const TEXT_LISTS_003: Cells = [
  // Phần IV and the outlines
  ["Bộ Chính trị và Ban Bí thư", ["bo-chinh-tri", "ban-bi-thu"]],
  ["Ban cán sự Đảng Chính phủ; Ban cán sự Đảng các bộ, ngành", ["bcsd-chinh-phu", "bcsd-cac-bo-nganh-tw"]],
  ["Quốc hội, Chính phủ, Thủ tướng Chính phủ", ["quoc-hoi", "chinh-phu", "thu-tuong-cp"]],
  ["Bộ Chính trị, Ban Bí thư", ["bo-chinh-tri", "ban-bi-thu"]],
  ["Ban Cán sự Đảng các bộ, ngành Trung ương, Thành ủy Hải Phòng", ["bcsd-cac-bo-nganh-tw", "thanh-uy"]],
  ["Tập đoàn Vinashin, Vinalines", ["sbic", "vimc"]],
];

const SEED_CELLS: Cells = [...CT15_CELLS, ...ADDRESS_CELLS_003, ...ASSIGNMENT_CELLS_2830, ...TEXT_LISTS_003];

// Shared-head ellipses ("HĐND, UBND thành phố Hải Phòng"): the phrase, and the names it stands for.
const SEED_ELLIPSES: ReadonlyArray<readonly [string, readonly (readonly [string, string])[]]> = [
  [
    "HĐND, UBND thành phố Hải Phòng",
    [
      ["HĐND thành phố Hải Phòng", "hdnd-tp"],
      ["UBND thành phố Hải Phòng", "ubnd-tp"],
    ],
  ],
  [
    "Hội đồng nhân dân, Ủy ban nhân dân thành phố",
    [
      ["Hội đồng nhân dân thành phố", "hdnd-tp"],
      ["Ủy ban nhân dân thành phố", "ubnd-tp"],
    ],
  ],
];

// Written in the directives but not agencies: positions, internal units, generic words, infrastructure.
const NOT_AGENCIES: readonly string[] = [
  "Như trên",
  "CT",
  "các PCT UBNDTP",
  "CVP",
  "các PCVP",
  "Các phòng CV",
  "VT",
  "TH",
  "TP",
  "VĂN PHÒNG",
  "ĐẢNG CỘNG SẢN VIỆT NAM",
  "Đảng",
  "Trung ương",
  "Chủ tịch Ủy ban nhân dân thành phố",
  "Phó Bí thư Thường trực Thành ủy",
  "các ngành, các cấp",
  "Hội đồng nhân dân cùng cấp",
  "Mặt trận Tổ quốc và tổ chức chính trị - xã hội các cấp",
  "Cảng Hải Phòng",
  "cảng hàng không Cát Bi",
];

// The names in the "Kính gửi" of CV 2830 (what the letter is actually sent to).
const KINH_GUI_2830: readonly string[] = [
  "Thường trực HĐND thành phố",
  "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố",
  "Các Ban của Thành ủy",
  "Văn phòng Thành ủy",
  "Các Sở, ban, ngành thành phố",
  "các tổ chức chính trị - xã hội thành phố",
  "Liên minh Hợp tác xã thành phố",
  "Ngân hàng Nhà nước chi nhánh Hải Phòng",
  "Bảo hiểm Xã hội thành phố",
  "Cảng vụ Hàng hải Hải Phòng",
  "Công ty CP Cảng hàng không quốc tế Cát Bi",
  "Các Ban Quản lý Dự án trực thuộc thành phố",
  "các Trường Đại học trên địa bàn thành phố",
  "Các Quận ủy, Huyện ủy",
  "Ủy ban nhân dân các quận, huyện",
];

const QUAN = ["Hồng Bàng", "Ngô Quyền", "Lê Chân", "Hải An", "Kiến An", "Đồ Sơn", "Dương Kinh"];
const HUYEN = ["Thủy Nguyên", "An Dương", "An Lão", "Kiến Thụy", "Tiên Lãng", "Vĩnh Bảo", "Cát Hải", "Bạch Long Vĩ"];

// ---------------------------------------------------------------------------------------------

describe("agencies.yaml: shape", () => {
  it("has version 1, asOf 2024-04-01 and only the keys the loader accepts", () => {
    expect(raw.version).toBe(1);
    expect(String(raw.asOf)).toBe("2024-04-01");
    expect(Object.keys(raw).sort()).toEqual(["agencies", "asOf", "groups", "version"]);
    expect(extraKeys).toEqual([]);
  });

  it("codes are unique slugs, agencies and groups together", () => {
    const codes = [...agencies.map((a) => a.code), ...groups.map((g) => g.code)];
    expect(codes.filter((c) => !SLUG.test(c))).toEqual([]);
    expect(codes.filter((c, i) => codes.indexOf(c) !== i)).toEqual([]);
  });

  it("kinds are from the allowed list", () => {
    expect(agencies.filter((a) => !ALLOWED_KINDS.includes(a.kind)).map((a) => `${a.code}: ${a.kind}`)).toEqual([]);
  });

  it("no name, short name, abbreviation or alias denotes two agencies or groups, even without diacritics", () => {
    const collisions = [...searchIndex.entries()].filter(([, codes]) => codes.size > 1).map(([k, codes]) => `${k} → ${[...codes].join(", ")}`);
    expect(collisions).toEqual([]);
  });

  it("names and aliases carry no stray spaces and are NFC", () => {
    const bad = agencies
      .flatMap((a) => spellings(a))
      .concat(groups.flatMap((g) => spellings(g)))
      .filter((s) => s !== s.trim() || /\s{2,}/.test(s) || s !== s.normalize("NFC"));
    expect(bad).toEqual([]);
  });

  it("every group member exists, once, and groups are not empty", () => {
    for (const g of groups) {
      expect(g.members.length, g.code).toBeGreaterThan(0);
      expect(g.members.filter((m) => !agencyByCode.has(m)), g.code).toEqual([]);
      expect(new Set(g.members).size, g.code).toBe(g.members.length);
    }
  });
});

describe("agencies.yaml: Hải Phòng in April 2024", () => {
  it("has the 7 quận and 8 huyện as UBND under UBND thành phố, and their party committees under Thành ủy", () => {
    const districts = [...QUAN.map((t) => ["quận", t] as const), ...HUYEN.map((t) => ["huyện", t] as const)];
    for (const [level, ten] of districts) {
      const ubnd = agencies.find((a) => a.name === `Ủy ban nhân dân ${level} ${ten}`);
      expect(ubnd, `${level} ${ten}`).toBeDefined();
      expect(ubnd?.kind).toBe("quan-huyen");
      expect(ubnd?.parent).toBe("ubnd-tp");
      const partyName = `${level === "quận" ? "Quận ủy" : "Huyện ủy"} ${ten}`;
      const party = agencies.find((a) => a.name === partyName);
      expect(party, partyName).toBeDefined();
      expect(party?.kind).toBe("quan-huyen-uy");
      expect(party?.parent).toBe("thanh-uy");
    }
    const ubndCodes = agencies.filter((a) => a.kind === "quan-huyen").map((a) => a.code);
    const partyCodes = agencies.filter((a) => a.kind === "quan-huyen-uy").map((a) => a.code);
    expect(ubndCodes).toHaveLength(15);
    expect(partyCodes).toHaveLength(15);
    expect([...group("ubnd-quan-huyen").members].sort()).toEqual([...ubndCodes].sort());
    expect([...group("cac-quan-huyen-uy").members].sort()).toEqual([...partyCodes].sort());
  });

  it('"Các sở, ban, ngành thành phố" holds every sở and the main departments and bodies', () => {
    const members = group("cac-so-ban-nganh").members;
    const allSo = agencies.filter((a) => a.kind === "so").map((a) => a.code);
    expect(allSo.length).toBeGreaterThanOrEqual(18);
    expect(allSo.filter((c) => !members.includes(c))).toEqual([]);
    for (const name of [
      "Sở Kế hoạch và Đầu tư",
      "Sở Tài chính",
      "Sở Công Thương",
      "Sở Giao thông vận tải",
      "Sở Xây dựng",
      "Sở Tài nguyên và Môi trường",
      "Sở Nông nghiệp và Phát triển nông thôn",
      "Sở Lao động - Thương binh và Xã hội",
      "Sở Giáo dục và Đào tạo",
      "Sở Y tế",
      "Sở Văn hóa và Thể thao",
      "Sở Du lịch",
      "Sở Khoa học và Công nghệ",
      "Sở Thông tin và Truyền thông",
      "Sở Nội vụ",
      "Sở Tư pháp",
      "Sở Ngoại vụ",
      "Sở Quy hoạch - Kiến trúc",
      "Thanh tra thành phố",
      "Văn phòng UBND thành phố",
      "Ban Quản lý Khu kinh tế Hải Phòng",
      "Cục Thống kê",
      "Cục Thuế thành phố",
      "Cục Hải quan Hải Phòng",
      "Công an thành phố",
      "Bộ Chỉ huy Quân sự thành phố",
      "Bộ Chỉ huy Bộ đội Biên phòng thành phố",
    ]) {
      const code = resolve(name);
      expect(code, name).toBeDefined();
      expect(members, name).toContain(code);
    }
    for (const outside of ["ubnd-tp", "thanh-uy", "hdnd-tp", "mttq-tp", "nhnn-hp", "bhxh-tp", "ubnd-hong-bang"]) {
      expect(members, outside).not.toContain(outside);
    }
  });

  it("composite groups are exactly the unions of their parts", () => {
    const union = (...codes: string[]) => [...new Set(codes.flatMap((c) => group(c).members))].sort();
    const sbn = group("cac-so-ban-nganh").members;
    const sbnDonVi = group("cac-so-ban-nganh-don-vi").members;
    expect(sbn.filter((m) => !sbnDonVi.includes(m))).toEqual([]);
    expect([...group("cac-so-ban-nganh-ubnd-quan-huyen").members].sort()).toEqual(union("cac-so-ban-nganh", "ubnd-quan-huyen"));
    expect([...group("cac-so-nganh-dia-phuong-don-vi").members].sort()).toEqual(union("cac-so-ban-nganh-don-vi", "ubnd-quan-huyen"));
  });

  it("the Kính gửi of CV 2830 reaches every agency its assignment table names", () => {
    const addressed = new Set(KINH_GUI_2830.flatMap((name) => expand(resolve(name) ?? `unresolved: ${name}`)));
    const assigned = new Set(ASSIGNMENT_CELLS_2830.flatMap(([, codes]) => codes).flatMap(expand));
    expect(assigned.size).toBeGreaterThan(40);
    expect([...assigned].filter((c) => !addressed.has(c))).toEqual([]);
  });
});

describe("agencies.yaml: every name in the two directives resolves", () => {
  it("lists each seed spelling once", () => {
    const seen = SEED_NAMES.map(([name]) => name);
    expect(seen.filter((n, i) => seen.indexOf(n) !== i)).toEqual([]);
  });

  it.each(SEED_NAMES)("%s → %s", (name, code) => {
    expect(resolve(name)).toBe(code);
    expect([...(searchIndex.get(searchKey(name)) ?? [])]).toEqual([code]);
  });

  it.each(SEED_CELLS)("cell: %s", (cell, codes) => {
    expect(segment(cell)).toEqual(codes);
  });

  it.each(SEED_ELLIPSES)("ellipsis: %s", (_phrase, parts) => {
    for (const [name, code] of parts) expect(resolve(name), name).toBe(code);
  });

  it.each(NOT_AGENCIES)("not an agency: %s", (phrase) => {
    expect(exactIndex.get(exactKey(phrase))).toBeUndefined();
    expect(searchIndex.get(searchKey(phrase))).toBeUndefined();
  });
});

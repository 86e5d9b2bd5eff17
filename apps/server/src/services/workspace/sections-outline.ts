/**
 * Which outline items an outline assignment covers (pure). An "outline" assignment gives an agency one item that
 * has agencies of its own; the agency writes that item and its descendants that have no agencies of their own
 * (nearest-ancestor rule). A descendant with its own lead or cooperating agencies is a separate assignment, and so
 * are its own descendants.
 */

export interface OutlineNode {
  id: string;
  parentId: string | null;
  sortOrder: number;
  label: string;
  title: string;
  guidance: string | null;
  pageBudget: number | null;
  lead: readonly unknown[];
  cooperate: readonly unknown[];
}

export interface CoveredItem<T extends OutlineNode = OutlineNode> {
  node: T;
  /** 0 for the assigned item. */
  depth: number;
  /** Labels from the top of the outline down to this item. */
  labelPath: string[];
}

const hasOwnAgencies = (n: OutlineNode) => n.lead.length > 0 || n.cooperate.length > 0;

export class OutlineTree<T extends OutlineNode = OutlineNode> {
  private readonly byId = new Map<string, T>();
  private readonly children = new Map<string | null, T[]>();

  constructor(nodes: readonly T[]) {
    for (const n of nodes) {
      this.byId.set(n.id, n);
      const list = this.children.get(n.parentId) ?? [];
      list.push(n);
      this.children.set(n.parentId, list);
    }
    for (const list of this.children.values()) list.sort((a, b) => a.sortOrder - b.sortOrder);
  }

  get(id: string): T | undefined {
    return this.byId.get(id);
  }

  labelPath(id: string): string[] {
    const out: string[] = [];
    let cur = this.byId.get(id);
    for (let guard = 0; cur && guard < 100; guard++) {
      out.unshift(cur.label);
      cur = cur.parentId ? this.byId.get(cur.parentId) : undefined;
    }
    return out;
  }

  /** The item whose assignment covers `id`: itself when it has agencies, else its nearest ancestor that has. */
  assignedRoot(id: string): T | undefined {
    let cur = this.byId.get(id);
    for (let guard = 0; cur && guard < 100; guard++) {
      if (hasOwnAgencies(cur)) return cur;
      cur = cur.parentId ? this.byId.get(cur.parentId) : undefined;
    }
    return undefined;
  }

  /** The assigned item and its descendants without agencies of their own, in outline order. */
  covered(rootId: string): CoveredItem<T>[] {
    const root = this.byId.get(rootId);
    if (!root) return [];
    const out: CoveredItem<T>[] = [];
    const walk = (node: T, depth: number, path: string[]) => {
      out.push({ node, depth, labelPath: path });
      for (const child of this.children.get(node.id) ?? []) {
        if (hasOwnAgencies(child)) continue;
        walk(child, depth + 1, [...path, child.label]);
      }
    };
    walk(root, 0, this.labelPath(rootId));
    return out;
  }

  /** "Phần II / A / I / 1 Quy mô kinh tế…": the label path and the title, for messages and titles. */
  describe(id: string): string {
    const n = this.byId.get(id);
    if (!n) return "";
    return `${this.labelPath(id).join(" / ")} ${n.title}`.trim();
  }
}

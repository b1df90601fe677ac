/**
 * The non-recipients tree of a -H file. Exim keeps these addresses in a height-balanced (AVL)
 * binary tree ordered by byte comparison and writes it node first, then the left subtree, then
 * the right one; each line is `<has-left><has-right> <address>` with Y/N flags, or just `XX` for
 * an empty tree. Reproducing Exim's bytes needs the same shape, so the reader keeps the tree as
 * stored and new trees are built by AVL insertion as Exim does (observed with `exim -t` and
 * command-line addresses: Exim inserts those in reverse argument order).
 */
import type { SpoolTreeNode } from './types.js';

interface MutableNode {
  address: string;
  left?: MutableNode;
  right?: MutableNode;
  height: number;
}

/** Byte-wise comparison (strcmp on the UTF-8 bytes), which is not JS string order for non-ASCII text. */
function compareBytes(a: string, b: string): number {
  if (/^[\x00-\x7f]*$/.test(a) && /^[\x00-\x7f]*$/.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

const height = (n?: MutableNode): number => n?.height ?? 0;
const fix = (n: MutableNode): MutableNode => {
  n.height = 1 + Math.max(height(n.left), height(n.right));
  return n;
};

function rotateRight(n: MutableNode): MutableNode {
  const l = n.left!;
  n.left = l.right;
  l.right = fix(n);
  return fix(l);
}

function rotateLeft(n: MutableNode): MutableNode {
  const r = n.right!;
  n.right = r.left;
  r.left = fix(n);
  return fix(r);
}

function rebalance(n: MutableNode): MutableNode {
  fix(n);
  const balance = height(n.left) - height(n.right);
  if (balance > 1) {
    if (height(n.left!.left) < height(n.left!.right)) n.left = rotateLeft(n.left!);
    return rotateRight(n);
  }
  if (balance < -1) {
    if (height(n.right!.right) < height(n.right!.left)) n.right = rotateRight(n.right!);
    return rotateLeft(n);
  }
  return n;
}

function insert(n: MutableNode | undefined, address: string): MutableNode {
  if (!n) return { address, height: 1 };
  const c = compareBytes(address, n.address);
  if (c === 0) return n; // Exim keeps one copy of an address
  if (c < 0) n.left = insert(n.left, address);
  else n.right = insert(n.right, address);
  return rebalance(n);
}

function toMutable(n: SpoolTreeNode | undefined): MutableNode | undefined {
  if (!n) return undefined;
  const left = toMutable(n.left);
  const right = toMutable(n.right);
  return fix({ address: n.address, left, right, height: 0 });
}

function freeze(n: MutableNode | undefined): SpoolTreeNode | undefined {
  if (!n) return undefined;
  const out: { address: string; left?: SpoolTreeNode; right?: SpoolTreeNode } = { address: n.address };
  const left = freeze(n.left);
  const right = freeze(n.right);
  if (left) out.left = left;
  if (right) out.right = right;
  return out;
}

/** Adds addresses in order, as Exim does when it records deliveries. Returns a new tree. */
export function treeInsert(tree: SpoolTreeNode | undefined, ...addresses: string[]): SpoolTreeNode | undefined {
  let root = toMutable(tree);
  for (const a of addresses) root = insert(root, a);
  return freeze(root);
}

export function treeHas(tree: SpoolTreeNode | undefined, address: string): boolean {
  let n = tree;
  while (n) {
    const c = compareBytes(address, n.address);
    if (c === 0) return true;
    n = c < 0 ? n.left : n.right;
  }
  return false;
}

/** Addresses in stored (pre-order) sequence. */
export function treeAddresses(tree: SpoolTreeNode | undefined): string[] {
  const out: string[] = [];
  const walk = (n?: SpoolTreeNode): void => {
    if (!n) return;
    out.push(n.address);
    walk(n.left);
    walk(n.right);
  };
  walk(tree);
  return out;
}

/** Addresses in sorted (in-order) sequence, as -bpa lists them. */
export function treeAddressesSorted(tree: SpoolTreeNode | undefined): string[] {
  const out: string[] = [];
  const walk = (n?: SpoolTreeNode): void => {
    if (!n) return;
    walk(n.left);
    out.push(n.address);
    walk(n.right);
  };
  walk(tree);
  return out;
}

/** The -H lines of a tree, each without its newline. */
export function treeLines(tree: SpoolTreeNode | undefined): string[] {
  if (!tree) return ['XX'];
  const out: string[] = [];
  const walk = (n: SpoolTreeNode): void => {
    out.push(`${n.left ? 'Y' : 'N'}${n.right ? 'Y' : 'N'} ${n.address}`);
    if (n.left) walk(n.left);
    if (n.right) walk(n.right);
  };
  walk(tree);
  return out;
}

/**
 * Reads a tree from lines starting at `start`; returns the tree and the index after it.
 * `nextLine(i)` gives line i or undefined past the end; a malformed line throws via `fail`.
 */
export function parseTree(nextLine: (i: number) => string | undefined, start: number, fail: (msg: string, i: number) => never): { tree: SpoolTreeNode | undefined; next: number } {
  let i = start;
  const first = nextLine(i);
  if (first === 'XX') return { tree: undefined, next: i + 1 };
  const read = (): SpoolTreeNode => {
    const line = nextLine(i);
    if (line === undefined || !/^[YN][YN] /.test(line)) fail('bad non-recipients tree line', i);
    i++;
    const node: { address: string; left?: SpoolTreeNode; right?: SpoolTreeNode } = { address: line.slice(3) };
    if (line[0] === 'Y') node.left = read();
    if (line[1] === 'Y') node.right = read();
    return node;
  };
  const tree = read();
  return { tree, next: i };
}

/**
 * Strongly connected components (iterative Tarjan, no recursion so large graphs cannot overflow the
 * stack). Returns the component id of every node and the id of the largest component.
 */
export function stronglyConnected(
  nodeCount: number,
  firstOut: Uint32Array,
  head: Uint32Array,
): { component: Int32Array; largest: number; count: number } {
  const index = new Int32Array(nodeCount).fill(-1);
  const low = new Int32Array(nodeCount);
  const component = new Int32Array(nodeCount).fill(-1);
  const onStack = new Uint8Array(nodeCount);
  const stack = new Int32Array(nodeCount);
  const callNode = new Int32Array(nodeCount);
  const callEdge = new Uint32Array(nodeCount);
  const sizes: number[] = [];
  let sp = 0;
  let next = 0;
  for (let root = 0; root < nodeCount; root++) {
    if (index[root] !== -1) continue;
    let depth = 0;
    callNode[0] = root;
    callEdge[0] = firstOut[root]!;
    index[root] = low[root] = next++;
    stack[sp++] = root;
    onStack[root] = 1;
    while (depth >= 0) {
      const v = callNode[depth]!;
      const e = callEdge[depth]!;
      if (e < firstOut[v + 1]!) {
        callEdge[depth] = e + 1;
        const w = head[e]!;
        if (index[w] === -1) {
          index[w] = low[w] = next++;
          stack[sp++] = w;
          onStack[w] = 1;
          depth++;
          callNode[depth] = w;
          callEdge[depth] = firstOut[w]!;
        } else if (onStack[w] && index[w]! < low[v]!) {
          low[v] = index[w]!;
        }
        continue;
      }
      if (low[v] === index[v]) {
        const id = sizes.length;
        let size = 0;
        let w: number;
        do {
          w = stack[--sp]!;
          onStack[w] = 0;
          component[w] = id;
          size++;
        } while (w !== v);
        sizes.push(size);
      }
      depth--;
      if (depth >= 0) {
        const parent = callNode[depth]!;
        if (low[v]! < low[parent]!) low[parent] = low[v]!;
      }
    }
  }
  let largest = -1;
  let best = -1;
  sizes.forEach((s, i) => {
    if (s > best) {
      best = s;
      largest = i;
    }
  });
  return { component, largest, count: sizes.length };
}

// Jobs for piscina and tinypool workers: the default export gets one task object.
export default function job({ op, a, b }) {
  if (op === 'add') return a + b;
  let c = 0;
  while (c < a) c++;
  return c;
}

// Decodes .drawio files with maxGraph, the library draw.io's model comes from, and
// prints what it read: for each file, its vertices, edges and containers and every
// cell's label. Run by tests/interop.rs with the packages `.ci/run` installs under
// target/maxgraph (node_modules: @maxgraph/core, jsdom for the DOM it needs).
import { JSDOM } from 'jsdom';
import { readFileSync } from 'node:fs';

const dom = new JSDOM('<!DOCTYPE html><div></div>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
for (const k of ['navigator', 'DOMParser', 'XMLSerializer', 'Node', 'Element', 'HTMLElement', 'SVGElement', 'getComputedStyle']) {
  if (!(k in globalThis)) globalThis[k] = dom.window[k];
}
const mg = await import('@maxgraph/core');
mg.registerAllCodecs();

const results = [];
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  const doc = new dom.window.DOMParser().parseFromString(text, 'text/xml');
  if (doc.getElementsByTagName('parsererror').length > 0) {
    results.push({ file, error: 'not well-formed XML' });
    continue;
  }
  const node = doc.getElementsByTagName('mxGraphModel')[0];
  const model = new mg.GraphDataModel();
  new mg.ModelXmlSerializer(model).import(new dom.window.XMLSerializer().serializeToString(node));
  const cells = Object.values(model.cells ?? {});
  const label = (c) => (c.value && c.value.getAttribute ? c.value.getAttribute('label') : c.value);
  const vertices = cells.filter((c) => c.vertex);
  results.push({
    file,
    vertices: vertices.length,
    edges: cells.filter((c) => c.edge && c.source && c.target).length,
    containers: vertices.filter((c) => cells.some((d) => d.parent === c)).length,
    labels: cells.map(label).filter((l) => l),
    // Each edge's whole route as drawn: its ends, exit and entry points and bends.
    routes: cells
      .filter((c) => c.edge && c.source && c.target)
      .map((c) => {
        const style = c.style ?? {};
        const s = typeof style === 'string' ? Object.fromEntries(style.split(';').filter((p) => p.includes('=')).map((p) => p.split('='))) : style;
        const points = (c.geometry?.points ?? []).map((p) => `${Math.round(p.x)},${Math.round(p.y)}`).join(' ');
        return `${c.source.id}>${c.target.id} exit ${s.exitX},${s.exitY} entry ${s.entryX},${s.entryY} via ${points}`;
      }),
  });
}
console.log(JSON.stringify(results));
